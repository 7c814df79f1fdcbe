"""`gongshi verify`: which record and version a poster's 校验码 belongs to, and whether it stands.

A resident copies eight symbols from the notice board. Every committed version of
every record has a code (`checksum.checksum_of` of its canonical JSON), so the code
names one version: this module lines up each record's versions (git's, then the
working copy's when it differs), and answers for a code: the record, the version
(commit, date, author, its index in the public log), whether it is the current one
or was superseded, by which later versions and with which `corrections:` entries,
and the version's own figures to hold against the paper.

The command and the site's 核验 page (`site/pages/verify.py`) read the same
`Answer`s: the page's JSON is `Answer.to_json()`, so the two cannot disagree.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.checksum import _TYPED_LOOKALIKES, ALPHABET, checksum_of, normalize_code
from generator.checksum import canonical_json as record_canonical_json
from generator.chinese_dates import chinese_date
from generator.history.labels import correction_label
from generator.history.versions import GitHistory, record_id, record_kind
from generator.log.current import current_log
from generator.log.state import LogState
from generator.log.witness import witness_status
from generator.models.common import Correction
from generator.privacy import mask_personal_numbers
from generator.project import Project
from generator.version_facts import MODELS, Figure, KeptFacts, VersionFacts, version_facts

KIND_WORDS: dict[str, str] = {
    "organization": "组织",
    "ledger": "收支账目",
    "matter": "重大事项",
    "schedule": "志愿服务值班表",
    "survey": "调查与评估",
    "config": "网站设置",
}
STATUS_WORDS: dict[str, str] = {
    "current": "当前版本",
    "superseded": "已被取代",
    "removed": "已删除",
}
"""`current`: what the records say now. `superseded`: a later version replaced it (the record
still exists). `removed`: the record is no longer in the records at all."""

LOOKALIKES = "".join(chr(typed) + meant for typed, meant in sorted(_TYPED_LOOKALIKES.items()))
"""`B8G6S5UVZ2`: pairs of a letter a resident may type and the printed symbol it stands for (the
table `normalize_code` uses), handed to the 核验 page so that it reads typing the same way."""


Key = tuple[str, str]


@dataclass(frozen=True)
class Commit:
    """Where git keeps a version."""

    commit: str
    committed: datetime
    author: str

    @property
    def short(self) -> str:
        return self.commit[:7]

    def words(self) -> str:
        """`2026年4月5日 14:03 由党支部秘书提交（版本号 1a2b3c4）`."""
        return (
            f"{chinese_date(self.committed.date())} {self.committed:%H:%M} "
            f"由{mask_personal_numbers(self.author)}提交（版本号 {self.short}）"
        )

    def to_json(self) -> dict[str, str]:
        return self._json

    @cached_property
    def _json(self) -> dict[str, str]:
        """Worked out once: every older version's answer repeats the commits that followed it."""
        return {
            "commit": self.commit,
            "short": self.short,
            "committed": self.committed.isoformat(),
            "date": chinese_date(self.committed.date()),
            "time": f"{self.committed:%H:%M}",
            "author": mask_personal_numbers(self.author),
            "words": self.words(),
        }


@dataclass(frozen=True)
class Step:
    """A version that came after the one asked about, with the corrections it added."""

    kind: str
    code: str
    commit: Commit | None
    """None: the working copy's version, not committed yet."""
    log_index: int | None
    corrections: tuple[Correction, ...]

    def to_json(self) -> dict[str, Any]:
        return self._json

    @cached_property
    def _json(self) -> dict[str, Any]:
        """Worked out once: each step is listed in the answer of every version before it."""
        return {
            "code": self.code,
            "version": self.commit.to_json() if self.commit else None,
            "log_index": self.log_index,
            "corrections": [correction_json(self.kind, c) for c in self.corrections],
        }


@dataclass(frozen=True)
class Answer:
    """Everything `gongshi verify` and the 核验 page say about one version of one record.

    Old versions are shown as they were, so the text they bring (titles, corrections, the
    author's name) is masked for personal numbers as the revision table is (see G705): a
    number removed from the records later must not come back through the 核验 page.
    """

    code: str
    kind: str
    record_id: str
    title: str
    file: str
    page: str | None
    """The record's page below the site root (`matters/lawn/`); None once the record is gone."""
    status: str
    """A key of STATUS_WORDS."""
    commit: Commit | None
    """None: the working copy's version, not committed (or the project is not in git)."""
    log_index: int | None
    """The leaf of the public log that holds this version (see `record_lines`); None if none."""
    figures: tuple[Figure, ...]
    later: tuple[Step, ...] = ()
    current_code: str | None = None
    note: str | None = None

    @property
    def is_current(self) -> bool:
        return self.status == "current"

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "kind_words": KIND_WORDS[self.kind],
            "id": self.record_id,
            "title": self.title,
            "file": self.file,
            "page": self.page,
            "status": self.status,
            "status_words": STATUS_WORDS[self.status],
            "version": self.commit.to_json() if self.commit else None,
            "log_index": self.log_index,
            "figures": [list(figure) for figure in self.figures],
            "later": [step.to_json() for step in self.later],
            "current_code": self.current_code,
            "note": self.note,
        }


def correction_json(kind: str, correction: Correction) -> dict[str, str]:
    return {
        "date": chinese_date(correction.date),
        "field": correction.field,
        "field_words": field_words(kind, correction.field),
        "old": mask_personal_numbers(correction.old),
        "new": mask_personal_numbers(correction.new),
        "reason": mask_personal_numbers(correction.reason),
    }


# --------------------------------------------------------------------------- reading typing


def typed_code(typed: str) -> str | None:
    """The code a resident meant, also from full-width typing (a Chinese input method's Ｋ７ＱＤ)."""
    return normalize_code(unicodedata.normalize("NFKC", typed))


def near_codes(code: str, known: Iterable[str]) -> list[str]:
    """Known codes one slip away: one symbol misread, or two neighbours swapped."""
    plain = code.replace("-", "")
    found = []
    for other in sorted(set(known)):
        candidate = other.replace("-", "")
        differ = [i for i in range(len(plain)) if plain[i] != candidate[i]]
        swapped = (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and plain[differ[0]] == candidate[differ[1]]
            and plain[differ[1]] == candidate[differ[0]]
        )
        if len(differ) == 1 or swapped:
            found.append(other)
    return found


# --------------------------------------------------------------------------- versions


@dataclass
class LineVersion:
    file: str
    canonical: bytes
    code: str
    commit: Commit | None
    log_index: int | None
    record: BaseModel | None = None
    """The working copy's record when this version is its content (spares reading it back)."""


@dataclass
class RecordLine:
    """One record's versions, oldest first; the last is the working copy's when `present`."""

    key: Key
    versions: list[LineVersion] = field(default_factory=list)
    present: bool = False
    """Whether the working copy has this record (so its last version is the current one)."""
    note: str | None = None


@dataclass(frozen=True)
class CodeIndex:
    """Every record's versions, and which of them each code names."""

    lines: tuple[RecordLine, ...]
    history: bool
    """Whether versions came from git; without it only the working copy is known."""
    team_names: dict[str, str]
    """Organization id → name, to title a schedule by its team."""
    kept: KeptFacts = field(default_factory=lambda: KeptFacts.open(None))
    """What each version says, worked out once per content (see `version_facts`)."""

    @property
    def version_count(self) -> int:
        return sum(len(line.versions) for line in self.lines)

    def codes(self) -> Iterator[str]:
        for line in self.lines:
            for version in line.versions:
                yield version.code

    def lookup(self, code: str) -> list[Answer]:
        """The versions whose code is `code`, in log order (more than one only by accident)."""
        found: list[Answer] = []
        for line in self.lines:
            if any(version.code == code for version in line.versions):
                found.extend(
                    a for a in line_answers(line, self.team_names, self.kept) if a.code == code
                )
        self.kept.save()
        return sorted(found, key=_answer_order)

    def answers(self) -> list[Answer]:
        """Every version's answer; what was worked out anew is kept for the next run."""
        found = [a for line in self.lines for a in line_answers(line, self.team_names, self.kept)]
        self.kept.save()
        return found


def _answer_order(answer: Answer) -> tuple[int, str]:
    return (answer.log_index if answer.log_index is not None else 1 << 62, answer.file)


def record_lines(history: GitHistory | None, project: Project | None, root: Path) -> CodeIndex:
    """Each record's versions: git's, in `read_history` order, then the working copy's.

    A committed version's log index is its position in `read_history(root).versions`:
    the public log (`generator.log`) appends one leaf per RecordVersion in exactly that
    order, so leaf N is versions[N], whatever record it belongs to.
    """
    lines: dict[Key, RecordLine] = {}
    for index, version in enumerate(history.versions if history else ()):
        line = lines.setdefault(version.key, RecordLine(version.key))
        commit = Commit(version.commit, version.committed, version.author)
        line.versions.append(
            LineVersion(version.file, version.canonical, version.code, commit, index)
        )
    team_names: dict[str, str] = {}
    if project is not None:
        team_names = {item.record.id: item.record.name for item in project.organizations}
        for item in project.all_sources():
            key = (record_kind(item.record), record_id(item.record))
            canonical = record_canonical_json(item.record).encode("utf-8")
            line = lines.setdefault(key, RecordLine(key))
            line.present = True
            if line.versions and line.versions[-1].canonical == canonical:
                line.versions[-1].record = item.record
            else:
                line.versions.append(
                    LineVersion(
                        item.file, canonical, checksum_of(canonical), None, None, item.record
                    )
                )
    for line in lines.values():
        if not line.present and project is not None and (root / line.versions[-1].file).is_file():
            line.present = True  # the file is there but does not load today: go by git's last
            line.note = (
                "工作区里这个文件现在读不出来（运行 gongshi check 查看），按最近一次提交判断。"
            )
        elif project is None:
            line.present = True
            line.note = "site_config.yml 现在读不出来，按最近一次提交判断。"
    kept = KeptFacts.open(root if history is not None else None)
    return CodeIndex(tuple(lines.values()), history is not None, team_names, kept)


def line_answers(line: RecordLine, team_names: dict[str, str], kept: KeptFacts) -> list[Answer]:
    """An answer for every version of one record."""
    facts = [
        version_facts(v.record) if v.record is not None else kept.facts(line.key[0], v.canonical)
        for v in line.versions
    ]
    newest = facts[-1]
    page = newest.page if line.present and newest is not None else None
    current_code = line.versions[-1].code if line.present else None
    steps = [  # steps[j - 1] leads from version j - 1 to version j; each is worked out once
        Step(
            line.key[0],
            line.versions[j].code,
            line.versions[j].commit,
            line.versions[j].log_index,
            _added_corrections(facts[j - 1], facts[j]),
        )
        for j in range(1, len(line.versions))
    ]
    answers = []
    for position, (version, said) in enumerate(zip(line.versions, facts, strict=True)):
        last = position == len(line.versions) - 1
        status = ("current" if last else "superseded") if line.present else "removed"
        answers.append(
            Answer(
                code=version.code,
                kind=line.key[0],
                record_id=line.key[1],
                title=mask_personal_numbers(said.titled(team_names)) if said else line.key[1],
                file=version.file,
                page=page,
                status=status,
                commit=version.commit,
                log_index=version.log_index,
                figures=said.figures if said else (),
                later=tuple(steps[position:]),
                current_code=current_code,
                note=line.note if last else None,
            )
        )
    return answers


def _added_corrections(
    before: VersionFacts | None, after: VersionFacts | None
) -> tuple[Correction, ...]:
    earlier = set(before.corrections if before else ())
    return tuple(c for c in (after.corrections if after else ()) if c not in earlier)


# --------------------------------------------------------------------------- the command's words


@dataclass(frozen=True)
class Report:
    """What `gongshi verify` found for one typed code."""

    typed: str
    code: str
    answers: tuple[Answer, ...]
    history: bool
    version_count: int
    near: tuple[str, ...] = ()
    site_url: str | None = None
    witness: dict[str, Any] | None = None
    """The poster's log witness (`--log-size`, `--log-root`) checked against today's log
    (`witness_json`); None when those options were not given."""

    @property
    def found(self) -> bool:
        return bool(self.answers)

    @property
    def current(self) -> bool:
        return any(answer.is_current for answer in self.answers)

    def to_json(self) -> dict[str, Any]:
        return {
            "typed": self.typed,
            "code": self.code,
            "found": self.found,
            "current": self.current,
            "history": self.history,
            "versions_checked": self.version_count,
            "answers": [answer.to_json() for answer in self.answers],
            "near": list(self.near),
            "witness": self.witness,
        }


def readable_alphabet() -> str:
    digits = "".join(ch for ch in ALPHABET if ch.isdigit())
    letters = "".join(ch for ch in ALPHABET if ch.isalpha())
    return f"数字 {digits[0]}–{digits[-1]} 和字母 {letters}"


def not_a_code_message(typed: str) -> str:
    shown = typed if len(typed) <= 30 else typed[:30] + "…"
    return (
        f"「{shown}」不是校验码。校验码是海报上“校验码”后面的 8 个字符，如 K7QD-3M9X，"
        f"只用{readable_alphabet()}；大小写、空格和短横线都可以不管。"
    )


WITNESS_WORDS = {
    "contained": "今天的公示日志完整包含这张海报印制时的全部 {size} 条公示（指纹 {prefix} 相符），"
    "此后只有新增，没有改写。",
    "different": "警告：今天的公示日志与这张海报印制时的不一致：前 {size} 条的指纹不是 {prefix}。"
    "可能有人改写了已经公示的记录，也可能是抄错了指纹。请再核对一遍海报上的两项；确认无误，"
    "请向监督委员会或社区居委会反映。",
    "beyond": "警告：海报上写公示日志有 {size} 条，今天的日志却没有这么多。日志只会增加，"
    "不会减少：要么抄错了条数，要么已公示的记录被删去了。请向监督委员会或社区居委会反映。",
    "invalid": "海报上的公示日志写的是条数（一个数）和指纹（8 位，由 0–9 和 a–f 组成），"
    "请照海报抄写。",
}


def witness_json(state: LogState, size: int, prefix: str) -> dict[str, Any]:
    """What today's log says of a poster's printed log size and root prefix."""
    status = witness_status(state, size, prefix)
    shown = prefix.strip().lower()
    return {
        "size": size,
        "root_prefix": shown,
        "status": status.value,
        "contained": status.contained,
        "today_size": state.size,
        "words": WITNESS_WORDS[status.value].format(size=size, prefix=shown),
    }


def report_text(report: Report) -> str:
    lines: list[str] = []
    if report.witness is not None:
        lines.append(f"公示日志：{report.witness['words']}")
    if not report.history:
        lines.append(
            "这个文件夹不在 git 仓库里（或没有安装 git），查不到以前的版本，只核对现有的记录。"
        )
    if not report.found:
        lines.append(f"校验码 {report.code}：没有找到。")
        lines.append(
            f"查遍了现有记录和以往的全部版本（共 {report.version_count} 个），都没有这个校验码。"
            if report.history
            else f"现有的 {report.version_count} 条记录里没有这个校验码；它也可能属于一个旧版本。"
        )
        if report.near:
            lines.append(f"是不是抄错了一个字符？相近的校验码有：{'、'.join(report.near)}。")
        lines.append(
            f"请逐个核对输入的字符：校验码只用{readable_alphabet()}，没有 0、1、O、I 这些容易"
            "看错的字符。确认无误仍找不到，这张海报可能不是本小区发布的，请向业主委员会或监督委员会询问。"
        )
        return "\n".join(lines)
    if len(report.answers) > 1:
        lines.append(several_versions_words(report.code, report.answers))
    for answer in report.answers:
        lines.extend(answer_lines(answer, report.site_url))
    return "\n".join(lines)


def several_versions_words(code: str, answers: Sequence[Answer]) -> str:
    if len({(a.kind, a.record_id) for a in answers}) == 1:
        return (
            f"校验码 {code} 对应同一条记录的 {len(answers)} 个版本：这条记录后来又改回了"
            "同样的内容。逐个列出："
        )
    return (
        f"校验码 {code} 对应 {len(answers)} 个不同记录的版本（两份不同的内容碰巧算出同一个"
        "校验码，极少见）。逐个列出，请按记录名称和数字对照海报："
    )


def answer_lines(answer: Answer, site_url: str | None) -> list[str]:
    headline = {
        "current": "是当前版本，与现在公示的内容一致。",
        "superseded": "是旧版本，已被取代，不是现在公示的内容。",
        "removed": "属于一条已删除的记录：这条记录现在已不再公示。",
    }[answer.status]
    lines = [f"校验码 {answer.code}：{headline}"]
    lines.append(
        f"  记录：{KIND_WORDS[answer.kind]}「{answer.title}」（编号 {answer.record_id}，"
        f"文件 {answer.file}）"
    )
    if answer.commit:
        lines.append(f"  版本：{answer.commit.words()}")
        lines.append(
            f"  公开日志：第 {answer.log_index + 1 if answer.log_index is not None else '?'} 条"
            f"（序号 {answer.log_index}）"
        )
    else:
        lines.append("  版本：工作区里尚未提交的内容（还没有公布，也不在公开日志里）")
    if answer.note:
        lines.append(f"  说明：{answer.note}")
    if answer.figures:
        lines.append("  这一版的内容（请与海报对照）：")
        lines.extend(f"    {label}：{value}" for label, value in answer.figures)
    if answer.later:
        lines.append("  之后的修改：")
        for step in answer.later:
            when = step.commit.words() if step.commit else "工作区里尚未提交的修改"
            mark = "（现在的版本）" if step.code == answer.current_code else ""
            lines.append(f"    {when}，校验码 {step.code}{mark}")
            if not step.corrections:
                lines.append("      没有登记更正（多为新增内容，如新的进程或新的收支）。")
            for correction in step.corrections:
                lines.append(f"      {correction_words(answer.kind, correction)}")
    if answer.status == "superseded" and answer.current_code:
        lines.append(f"  现在的校验码是 {answer.current_code}，请以网站上的内容为准。")
    if answer.page and site_url:
        lines.append(f"  网页：{site_url}{answer.page}")
    return lines


def correction_words(kind: str, correction: Correction) -> str:
    shown = correction_json(kind, correction)
    return (
        f"更正 {shown['field_words']}（{shown['field']}）：{shown['old']} → {shown['new']}"
        f"（{shown['date']}，{shown['reason']}）"
    )


def field_words(kind: str, path: str) -> str:
    """`entries.2.amount` → `收支明细第 2 笔的金额`: a correction's field in the form's own words."""
    model = MODELS.get(kind)
    return correction_label(model, path) if model else path


def verify_report(typed: str, code: str, index: CodeIndex, site_url: str | None = None) -> Report:
    answers = tuple(index.lookup(code))
    near = () if answers else tuple(near_codes(code, index.codes())[:5])
    return Report(typed, code, answers, index.history, index.version_count, near, site_url)


def exit_status(report: Report) -> int:
    """0 when the code is a current version (and the poster's log witness, if given, is in
    today's log); 1 when it is superseded, removed or unknown, or the log was rewritten."""
    witnessed = report.witness is None or bool(report.witness["contained"])
    return 0 if report.current and witnessed else 1


def shard_name(code: str) -> str:
    """The 核验 page's file for a code: its first two symbols (`K7QD-3M9X` → `K7`)."""
    return code[:2]


def code_shards(answers: Sequence[Answer]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Shard name → {code: [answer JSON, …]}, so the page fetches one small file per lookup."""
    shards: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for answer in sorted(answers, key=_answer_order):
        shard = shards.setdefault(shard_name(answer.code), {})
        shard.setdefault(answer.code, []).append(answer.to_json())
    return shards


def verify_project(
    root: Path, typed: str, code: str, witness: tuple[int, str] | None = None
) -> Report:
    """Read git once and the working copy once, and answer for `code` (and a poster's witness)."""
    from generator.history.versions import read_history
    from generator.project import load_project
    from generator.urls import site_base

    project, _ = load_project(root)
    history = project.history if project else read_history(root)
    index = record_lines(history, project, root)
    site_url = site_base(project.config.record.site.url) if project else None
    report = verify_report(typed, code, index, site_url)
    if witness is not None and project is not None:
        report = replace(report, witness=witness_json(current_log(project), *witness))
    return report
