"""Search finds every page that holds what a resident types, in a real Chromium.

One community, built once: a copy of the sample with 60 made-up three-character names
(a surname and two given-name characters drawn at random, none of them a word in
jieba's dictionary) in member lists, shift rosters and matter texts, and 20 compound
words in matter texts. Each name, each compound, a two-character word from inside
each compound, a fragment of each matter title and each of the sample's member
names is searched through Pagefind's JS API the way the search box does it
(`gongshiSearch.find`, which calls `pagefind.search`, then `data()`), and must find
exactly the pages whose text holds it (search_recall.py works those out from the
HTML with lxml). The first search must fetch less than 600 KB.
"""

from __future__ import annotations

import functools
import http.server
import random
import sys
import threading
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import jieba  # type: ignore[import-untyped]
import pytest
import yaml

from generator.site.search import gram_token, search_grams, searchable_runs, searchable_text
from tests.site.conftest import ARTIFACTS, build, sample_copy
from tests.site.search_recall import expected_pages, found_pages, recall, searchable_texts

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔"
GIVEN = "秀桂英华玉兰芳珍丽敏静燕红梅霞琴云莲凤娟洁琳雪艳萍婷颖慧巧美娜倩晶妍茜彤春建国明志军伟强平东文辉力永健世广义兴良海山仁波宁贵福生龙元全胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"
COMPOUNDS = (
    "垃圾分类督导员",
    "电动自行车充电桩",
    "高空抛物监控",
    "楼道杂物清理",
    "二次供水水箱清洗",
    "消防通道占用巡查",
    "外墙脱落隐患排查",
    "老年助餐服务点",
    "快递柜进驻协议",
    "雨污分流改造工程",
    "非机动车棚扩建",
    "儿童游乐设施维护",
    "化粪池清掏作业",
    "单元门禁更换",
    "健身器材补建",
    "地下车库照明改造",
    "共享书屋建设",
    "文明养犬公约",
    "防汛沙袋储备点",
    "邻里调解工作室",
)
TEAMS = ("culture-team", "environment-team", "mediation-team", "youth-tutoring")
FIRST_SEARCH_LIMIT = 600 * 1024


def made_up_names(count: int, taken: str) -> list[str]:
    """Distinct names no dictionary knows and the sample never says."""
    pick = random.Random(20261203)
    names: list[str] = []
    while len(names) < count:
        name = pick.choice(SURNAMES) + pick.choice(GIVEN) + pick.choice(GIVEN)
        if name in names or name in taken or jieba.get_FREQ(name) is not None:
            continue
        if any(name in other or other in name for other in names):
            continue
        names.append(name)
    return names


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def add_people_and_words(root: Path, names: list[str]) -> None:
    """Each name joins a team, all but a few take a shift, and each is named in one matter."""
    content = root / "content"
    for t, team in enumerate(TEAMS):
        joining = names[t :: len(TEAMS)]
        organization = _load(content / "organizations" / f"{team}.yml")
        organization["members"] += [
            {
                "name": name,
                "role": "队员",
                "party_member": False,
                "owner": True,
                "since": date(2026, 1, 10),
            }
            for name in joining
        ]
        _dump(content / "organizations" / f"{team}.yml", organization)
        schedule = _load(content / "volunteers" / f"{team}.yml")
        for n, name in enumerate(joining[:-1]):
            shift = schedule["shifts"][n % len(schedule["shifts"])]
            shift["volunteers"] = [*shift.get("volunteers", []), name]
        _dump(content / "volunteers" / f"{team}.yml", schedule)
    matters = sorted((content / "matters").glob("*.yml"))
    for m, file in enumerate(matters):
        matter = _load(file)
        mentioned = "、".join(names[m :: len(matters)])
        compounds = "；".join(COMPOUNDS[m :: len(matters)])
        matter["summary"] = (
            matter["summary"].rstrip()
            + f"\n\n意见由{mentioned}等居民收集整理。相关工作：{compounds}。\n"
        )
        _dump(file, matter)


def title_fragments(root: Path) -> list[str]:
    """Two characters from the middle of each matter title, where both are Chinese."""
    fragments = []
    for file in sorted((root / "content" / "matters").glob("*.yml")):
        title = _load(file)["title"]
        middle = len(title) // 2
        for start in range(middle, len(title) - 1):
            piece = title[start : start + 2]
            if all("\u4e00" <= char <= "\u9fff" for char in piece):
                fragments.append(piece)
                break
    return fragments


def sample_member_names(root: Path) -> list[str]:
    return sorted(
        {
            member["name"]
            for file in (root / "content" / "organizations").glob("*.yml")
            for member in _load(file).get("members", [])
        }
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def community(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, str, dict[str, list[str]]]]:
    root = sample_copy(tmp_path_factory.mktemp("search") / "community")
    queries = {"sample names": sample_member_names(root), "title fragments": title_fragments(root)}
    sample_text = "".join(
        file.read_text(encoding="utf-8") for file in (root / "content").rglob("*.yml")
    )
    queries["made-up names"] = made_up_names(60, sample_text)
    queries["compounds"] = list(COMPOUNDS)
    queries["words inside compounds"] = [word[2:4] for word in COMPOUNDS]
    add_people_and_words(root, queries["made-up names"])
    site = build(root, root / "site", posters=False)
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/", queries
    server.shutdown()
    server.server_close()


def test_every_page_holding_the_query_is_found_and_no_other(
    browser: Any, community: tuple[Path, str, dict[str, list[str]]]
) -> None:
    site, url, queries = community
    texts = searchable_texts(site)
    page = browser.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        for kind, asked in queries.items():
            found = found_pages(page, asked)
            hit, total, missing = recall(texts, found)
            print(f"{kind}: {hit}/{total} pages over {len(asked)} queries")
            assert all(expected_pages(texts, query) for query in asked), kind
            assert missing == [], (kind, {q: expected_pages(texts, q) - found[q] for q in missing})
            strays = {
                q: found[q] - expected_pages(texts, q)
                for q in asked
                if found[q] - expected_pages(texts, q)
            }
            assert strays == {}, kind
    finally:
        page.close()


def test_the_first_search_fetches_less_than_600_kb(
    browser: Any, community: tuple[Path, str, dict[str, list[str]]]
) -> None:
    _, url, queries = community
    page = browser.new_page(viewport={"width": 390, "height": 844})
    fetched: dict[str, int] = {}
    try:
        page.goto(url, wait_until="networkidle")
        page.on(
            "response",
            lambda r: fetched.__setitem__(r.url, len(r.body())) if "/pagefind/" in r.url else None,
        )
        page.locator("label[for=__search]").first.click()
        box = page.locator("input.md-search__input")
        box.fill(queries["made-up names"][0])
        page.locator(".md-search-result__list li").first.wait_for(timeout=20_000)
        page.wait_for_load_state("networkidle")
        assert 0 < sum(fetched.values()) < FIRST_SEARCH_LIMIT, fetched
    finally:
        page.close()


def test_every_result_is_reachable_and_a_kind_narrows_them(
    browser: Any, community: tuple[Path, str, dict[str, list[str]]]
) -> None:
    site, url, _ = community
    texts = searchable_texts(site)
    expected = expected_pages(texts, "业主")
    matters = {u for u in expected if u.startswith("/matters/")}
    assert len(expected) > 20 and len(matters) > 10
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(url, wait_until="networkidle")
        page.locator("label[for=__search]").first.click()
        box = page.locator("input.md-search__input")
        box.fill("业主")
        items = page.locator(".md-search-result__list li")
        items.first.wait_for(timeout=20_000)
        assert items.count() == 10
        page.screenshot(path=str(ARTIFACTS / "search-many-390.png"))
        more = page.locator(".gs-search-more")
        while more.is_visible():
            shown = items.count()
            more.click()
            page.wait_for_function(
                f"document.querySelectorAll('.md-search-result__list li').length > {shown}"
            )
        links = page.locator(".md-search-result__list a").evaluate_all(
            "as => as.map(a => new URL(a.href).pathname)"
        )
        assert set(links) == expected and len(links) == len(expected)
        page.locator(".gs-search-filter", has_text="事项").click()
        page.wait_for_function(
            "document.querySelector('.gs-search-filter[aria-pressed=true]').textContent.startsWith('事项')"
        )
        page.wait_for_function(
            f"document.querySelectorAll('.md-search-result__list li').length === {min(10, len(matters))}"
        )
        page.screenshot(path=str(ARTIFACTS / "search-filter-390.png"))
        while more.is_visible():
            more.click()
            page.wait_for_timeout(300)
        links = page.locator(".md-search-result__list a").evaluate_all(
            "as => as.map(a => new URL(a.href).pathname)"
        )
        assert set(links) == matters
        shown = page.locator(".md-search-result__list a").evaluate_all(
            "as => as.map(a => [new URL(a.href).pathname, a.querySelector('p').textContent])"
        )
        for link, snippet in shown:
            assert _starts_at_a_word(snippet, texts[link]), snippet
    finally:
        page.close()


def _starts_at_a_word(snippet: str, text: str) -> bool:
    """A snippet cut from the middle of the page does not start inside a number or a Latin word."""
    if not snippet.startswith("…"):
        return True
    head = "".join(snippet[1:].split()).split(".")[0][:6]
    at = text.find(head)
    assert at > 0, (head, snippet)
    return not (
        text[at - 1].isascii()
        and text[at - 1].isalnum()
        and head[0].isascii()
        and head[0].isalnum()
    ) and not (text[at - 1] in ".," and head[0].isdigit())


TRICKY = (
    "Ａ栋１２号",
    "WiFi密码",
    "阿依古丽·买买提",
    "第〇三号",
    "①号楼",
    "𠀀𠀁村",
    "100%满意",
    "Ⅻ期",
    "ﬁ级",
)


def test_the_browser_cuts_a_query_into_the_runs_the_index_was_cut_into(
    browser: Any, community: tuple[Path, str, dict[str, list[str]]]
) -> None:
    """Python cuts the pages, gongshi-search.js the query: they must agree on every character."""
    _, url, _ = community
    page = browser.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        cut = page.evaluate(
            "(texts) => texts.map((t) => window.gongshiSearch.runs(t))", list(TRICKY)
        )
        assert cut == [searchable_runs(text) for text in TRICKY]
    finally:
        page.close()


def test_a_page_holds_the_pairs_of_each_run_in_a_row_and_each_run_once() -> None:
    assert searchable_runs("吴桂芳、芳草。吴 桂") == ["吴桂芳", "芳草", "吴桂"]
    assert search_grams("吴桂芳、芳草。吴 桂").split() == [
        gram_token("吴桂"),
        gram_token("桂芳"),
        gram_token("芳"),
        gram_token("芳草"),
        gram_token("草"),
    ]
    assert gram_token("吴") == "gs0gms" and int("0gms", 36) == ord("吴")


def test_a_run_is_made_of_exactly_the_unicode_letters_and_digits_and_skips_exactly_the_spaces() -> (
    None
):
    """searchable_runs cuts with two regular expressions; the browser asks for `[\\p{L}\\p{N}]`
    and skips what `\\s` and U+200B match. Every code point is asked both ways."""
    letters_or_digits = [
        code
        for code in range(sys.maxunicode + 1)
        if (unicodedata.category(chr(code))[0] in "LN") != (len(searchable_runs(chr(code))) == 1)
        and unicodedata.normalize("NFKC", chr(code)) == chr(code)
    ]
    assert letters_or_digits == []
    spaces = [
        code
        for code in range(sys.maxunicode + 1)
        if (chr(code).isspace() or code == 0x200B)
        != (searchable_runs(f"甲{chr(code)}乙") == ["甲乙"])
    ]
    assert spaces == []


def test_the_searchable_text_leaves_out_what_pagefind_leaves_out() -> None:
    html = (
        "<nav>导航</nav><div data-pagefind-body><h1>标题<em>甲</em></h1><div>正文"
        "<script>var 脚本;</script><p data-pagefind-ignore>不<b>索引</b></p><div>乙</div></div>"
        "</div><footer>页脚</footer>"
    )
    assert searchable_text(html) == ("标题甲正文乙", "标题甲")
