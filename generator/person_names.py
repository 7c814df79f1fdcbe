"""Finding people's names in Chinese text, to keep aid recipients anonymous.

Names are found with jieba's part-of-speech tagger (a person name is tagged
`nr`, `nrfg` or `nrt`), the maintained segmenter most Chinese text tools use,
rather than with a hand list of names. jieba often splits an unknown name into
its surname and given name (`王/nr 桂兰/ns`) or misses the surname's tag
(`刘/zg 德福/ns`), so a surname standing alone followed by a short word is read
as one name too; a tagged name must begin with a surname, which keeps words
jieba mistakes for names (楼栋长, 翠湖) out. Writing `李某` is how a name is
made anonymous, so `某` never counts as part of a name.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from generator.early_tagger import names_found
from generator.history.kept import KeptJson, code_fingerprint, kept_path

COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝"
)
"""The surnames of nearly everyone in China (the most common three hundred or so)."""
COMPOUND_SURNAMES = frozenset(
    {
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "令狐",
        "慕容",
        "公孙",
        "长孙",
        "夏侯",
        "司徒",
    }
)
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
_GIVEN_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nz", "n", "ng", "a", "ag"})
"""What jieba tags a given name as when it has split it from its surname."""
_FUNCTION_WORD_TAGS = frozenset({"c", "p", "u", "uj", "ul", "d", "r", "m", "f", "v"})
"""A surname character used as a word like 和 or 向 is not the start of a name."""
_NOT_A_NAME = "某"
_RARE_AS_A_WORD = 20
"""jieba's dictionary tags some common words as names (张贴 401 times, 文明 6584 times in its
corpus); a name in it is rare (王奶奶 11, 吴桂芳 5, 马建华 2)."""


@cache
def _tagger() -> Any:
    """jieba's tagger, loaded once and only when some text needs it (it takes about a second)."""
    import jieba  # type: ignore[import-untyped]
    import jieba.posseg  # type: ignore[import-untyped]

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


def tagger_loaded() -> bool:
    """Whether jieba's tagger is loaded in this process already (a preview, or a second check)."""
    return _tagger.cache_info().currsize > 0


def _has_surname(word: str) -> bool:
    return word[:1] in COMMON_SURNAMES or word[:2] in COMPOUND_SURNAMES


def _is_han(text: str) -> bool:
    return all("\u4e00" <= char <= "\u9fff" for char in text)


def person_names(
    text: str, known: Iterable[str] = (), nameless: NamelessTexts | None = None
) -> list[str]:
    """The names of people in `text` other than the `known` ones, in order of appearance.

    `nameless`: the texts jieba already read and found no name in, in this run or an
    earlier one; such a text is not read again, and one found nameless now is added."""
    for name in _longest_first(known if isinstance(known, frozenset) else frozenset(known)):
        text = text.replace(name, "，")
    if not any(char in COMMON_SURNAMES for char in text):
        return []
    if nameless is not None and text in nameless:
        return []
    early = names_found(text)  # jieba started while the records loaded, when it was
    found = tagged_names(text) if early is None else early
    if nameless is not None and not found:
        nameless.add(text)
    return found


def tagged_names(text: str) -> list[str]:
    """The names jieba finds in `text`, read here (see also early_tagger.py)."""
    words = [(pair.word, pair.flag) for pair in _tagger().cut(text)]
    found: list[str] = []
    index = 0
    while index < len(words):
        word, flag = words[index]
        following = words[index + 1] if index + 1 < len(words) else ("", "x")
        if (
            len(word) == 1
            and _has_surname(word)
            and flag not in _FUNCTION_WORD_TAGS
            and 1 <= len(following[0]) <= 2
            and following[1] in _GIVEN_NAME_TAGS
            and _is_han(following[0])
            and _NOT_A_NAME not in following[0]
        ):
            found.append(word + following[0])
            index += 2
            continue
        if (
            flag in _NAME_TAGS
            and 2 <= len(word) <= 4
            and _has_surname(word)
            and _NOT_A_NAME not in word
        ):
            found.append(word)
        index += 1
    tags, frequency = _tagger().dt.word_tag_tab, _tagger().dt.tokenizer.FREQ
    return [
        name
        for name in dict.fromkeys(found)
        if tags.get(name, "nr") in _NAME_TAGS and frequency.get(name, 0) <= _RARE_AS_A_WORD
    ]


@cache
def _longest_first(known: frozenset[str]) -> tuple[str, ...]:
    """The known names in the order they are taken out; sorted once for every text of a check."""
    return tuple(sorted(known, key=len, reverse=True))


def mask_name(name: str) -> str:
    """A name as a message may show it: the surname and a star for each other character."""
    keep = 2 if name[:2] in COMPOUND_SURNAMES else 1
    return name[:keep] + "*" * (len(name) - keep)


NAMELESS_FORMAT = 1
NAMELESS_FILE = "names.json"


class NamelessTexts:
    """The texts jieba found no name in, kept in `<git dir>/gongshi/names.json` between runs.

    Loading jieba's dictionary takes most of a second, and a community's aid texts mostly
    stay as they were: a text read once is known by its digest after. Only texts without a
    name are kept, so no name an aid text once held is written down anywhere. What jieba
    finds depends on this module, on jieba's code and on its dictionary and model: all of
    them make the fingerprint, so a kept answer is always the one jieba would give now. The
    file is opened only when a text first needs reading (see `KeptJson` for the rest).
    """

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.kept: KeptJson | None = None

    def _entries(self) -> KeptJson:
        if self.kept is None:
            path = kept_path(self.root, NAMELESS_FILE) if self.root is not None else None
            self.kept = KeptJson.open(path, _nameless_fingerprint())
        return self.kept

    def __contains__(self, text: str) -> bool:
        return _digest(text) in self._entries().entries

    def add(self, text: str) -> None:
        self._entries().put(_digest(text), 1)

    def save(self) -> None:
        if self.kept is not None:
            self.kept.save()


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@cache
def _nameless_fingerprint() -> str:
    """This module, jieba's code, its dictionary and its tagging model (about 11 MB, read
    in a few hundredths of a second: far less than loading jieba)."""
    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.origin is not None, "jieba is a dependency"
    jieba = Path(spec.origin).parent
    read = [
        Path(__file__),
        *sorted(jieba.glob("*.py")),
        jieba / "dict.txt",
        *sorted(path for path in (jieba / "posseg").iterdir() if path.is_file()),
    ]
    return code_fingerprint(NAMELESS_FORMAT, read)
