"""The bad-input corpus: one small file per mistake, each with the exact problems it must raise.

Every file in `corpus/cases/<folder>/` is dropped into a fresh copy of the base
community (`corpus/base/`, which passes) and checked through the real CLI. The
file's leading comment lines say what the checker must report:

    # expect: G201@14                                   a problem in this file, code@line
    # expect: nothing                                   this file must pass
    # expect-in: content/matters/lawn.yml G204@7        a problem it causes in another file
    # today: 2026-11-25                                 check as of this day
    # replaces: content/matters/lawn.yml                the base file it stands in for
    # note: …                                           why, for the reader
    # xfail: …                                          a known checker bug, and which one

A case marked `xfail` records what the checker *should* report where it does not
yet: the expectation stays right, and the test turns red once the bug is fixed,
so the marker gets removed.

The set of reported `(code, line)` pairs must be exactly the declared one, in
this file and in every other. Folders: `organizations`, `funds`, `matters`,
`volunteers`, `surveys` (copied into `content/<folder>/`), `config` (replaces
`site_config.yml`), `content-root` (copied into `content/` itself).

Cases that cannot be files in the repository (a 4 MB file, an unreadable file,
a 0-byte file) and the crashing-rule code G901 are tested below in Python.
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator import codes
from generator.check import check_project
from generator.cli import cli
from generator.diagnostics import Span
from generator.loader import MAX_FILE_BYTES
from generator.posters import write as poster_writer
from generator.project import load_project
from generator.rules import Rule, ledgers, run_rules
from generator.site import build as site_build
from generator.site.pages import data as data_pages
from tests.conftest import BASE, TESTS, TODAY

CASES_DIR = TESTS / "corpus" / "cases"
CONFIG_FILE = "site_config.yml"
RECORD_FOLDERS = ("organizations", "funds", "matters", "volunteers", "surveys")
FOLDERS = (*RECORD_FOLDERS, "config", "content-root")
SEVERITY = {code.code: code.severity for code in codes.CATALOGUE}

_FILE_NAME = re.compile(r"^(G\d{3})-[a-z0-9]+(?:-[a-z0-9]+)*\.ya?ml$")
_HEADER = re.compile(r"^# (expect|expect-in|today|replaces|note|xfail):(.*)$")
_EXPECTATION = re.compile(r"^(G\d{3})@(\d+)$")
_BOM = b"\xef\xbb\xbf"

# Where the codes no case file can produce are tested instead (`file.py::test` in another file).
COVERED_IN_PYTHON = {
    "G705": "test_commit_subjects_are_covered_by_the_privacy_corpus",
    "G008": "test_file_over_four_megabytes_is_refused",
    "G009": "test_unreadable_file_is_reported",
    "G011": "test_file_packed_with_a_million_values_is_refused_with_entries_and_bytes",
    "G113": "test_names.py::test_characters_windows_forbids_in_a_file_name_are_refused",
    "G114": "test_names.py::test_link_to_a_record_outside_the_project_is_not_read_or_published",
    "G115": "test_names.py::test_broken_link_is_reported",
    "G127": "test_cascade.py::test_one_mistake_is_reported_once_at_its_root",
    "G801": "history/test_corrections.py::test_a_balanced_change_to_a_published_ledger_names_file_line_old_and_new",
    "G802": "history/test_corrections.py::test_a_correction_with_the_wrong_old_value_is_an_error",
    "G803": "history/test_corrections.py::test_a_correction_naming_no_change_is_a_warning",
    "G820": "log.test_log_build.py::test_an_amended_old_commit_is_refused_with_a_chinese_message_and_the_old_site_kept",
    "G821": "log.test_log_build.py::test_a_shallow_clone_cannot_check_the_previous_log",
    "G822": "log.test_log_build.py::test_a_wrong_or_mismatched_key_stops_the_build",
    "G901": "test_crashing_rule_becomes_g901_and_others_still_run",
    "G902": "test_library_failure_in_build_becomes_g902_and_keeps_the_old_site",
    "G903": "test_library_failure_in_print_becomes_g903_and_keeps_the_old_posters",
}


@dataclass(frozen=True)
class Case:
    path: Path
    expected: frozenset[tuple[str, int]]
    """(code, line) pairs reported in the case file itself."""
    elsewhere: frozenset[tuple[str, str, int]]
    """(file, code, line) triples reported in other files because of it."""
    today: str
    replaces: tuple[str, ...]
    xfail: str | None = None

    @property
    def folder(self) -> str:
        return self.path.parent.name

    @property
    def target(self) -> str:
        """Where the case goes in the project, as the checker names files."""
        if self.folder == "config":
            return CONFIG_FILE
        if self.folder == "content-root":
            return f"content/{self.path.name}"
        return f"content/{self.folder}/{self.path.name}"

    @property
    def expects_error(self) -> bool:
        found = {code for code, _ in self.expected} | {code for _, code, _ in self.elsewhere}
        return any(SEVERITY[code] is codes.Severity.ERROR for code in found)


def _expectation(text: str, where: Path) -> tuple[str, int]:
    match = _EXPECTATION.match(text.strip())
    assert match, f"{where.name}: expected CODE@LINE, got {text!r}"
    code, line = match.group(1), int(match.group(2))
    assert code in SEVERITY, f"{where.name}: {code} is not in the catalogue"
    return code, line


def read_case(path: Path) -> Case:
    """A case file's header: its leading ASCII comment lines, up to the first other line."""
    raw = path.read_bytes().removeprefix(_BOM)
    expected: set[tuple[str, int]] = set()
    elsewhere: set[tuple[str, str, int]] = set()
    replaces: list[str] = []
    today = TODAY
    xfail = None
    declared_nothing = declared_codes = False
    for raw_line in raw.split(b"\n"):
        try:
            line = raw_line.decode("ascii").rstrip("\r")
        except UnicodeDecodeError:
            break
        match = _HEADER.match(line)
        if not match:
            break
        key, value = match.group(1), match.group(2).strip()
        if key == "expect" and value == "nothing":
            declared_nothing = True
        elif key == "expect":
            declared_codes = True
            expected.add(_expectation(value, path))
        elif key == "expect-in":
            file, _, pair = value.partition(" ")
            code, number = _expectation(pair, path)
            elsewhere.add((file, code, number))
        elif key == "today":
            date.fromisoformat(value)
            today = value
        elif key == "replaces":
            replaces.append(value)
        elif key == "xfail":
            xfail = value
    assert declared_nothing != declared_codes, (
        f"{path.name}: declare `# expect: CODE@LINE` lines or `# expect: nothing`, not both or neither"
    )
    return Case(path, frozenset(expected), frozenset(elsewhere), today, tuple(replaces), xfail)


CASE_PATHS = sorted(
    (path for path in CASES_DIR.glob("*/*") if path.suffix in (".yml", ".yaml")),
    key=lambda path: path.name,
)


def _place(case: Case, root: Path) -> None:
    for replaced in case.replaces:
        (root / replaced).unlink()
    destination = root / case.target
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case.path, destination)


def check_json(root: Path, today: str = TODAY) -> tuple[Result, list[dict[str, object]]]:
    result = CliRunner().invoke(cli, ["check", str(root), "--format", "json", "--today", today])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result, (json.loads(result.stdout) if result.stdout.strip() else [])


def _confusing(message: str) -> bool:
    """pydantic's or PyYAML's own English leaking through instead of a Chinese explanation."""
    return any(
        phrase in message
        for phrase in ("Input should", "Value error", "Field required", "Traceback", "yaml.")
    )


def _case_params() -> list[object]:
    params = []
    for path in CASE_PATHS:
        xfail = read_case(path).xfail
        marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
        params.append(pytest.param(path, id=path.name, marks=marks))
    return params


@pytest.mark.parametrize("case_path", _case_params())
def test_case(case_path: Path, tmp_path: Path) -> None:
    case = read_case(case_path)
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    _place(case, root)

    result, problems = check_json(root, case.today)

    here = {(p["code"], p["line"]) for p in problems if p["file"] == case.target}
    others = {(p["file"], p["code"], p["line"]) for p in problems if p["file"] != case.target}
    assert here == case.expected, json.dumps(problems, ensure_ascii=False, indent=1)
    assert others == case.elsewhere, json.dumps(problems, ensure_ascii=False, indent=1)
    assert result.exit_code == (1 if case.expects_error else 0), result.output
    for problem in problems:
        assert not _confusing(str(problem["message"])), problem["message"]


def test_case_files_are_named_by_code_and_unique() -> None:
    names = [path.name for path in CASE_PATHS]
    assert len(names) == len(set(names))
    for path in CASE_PATHS:
        assert path.parent.name in FOLDERS, path
        match = _FILE_NAME.match(path.name)
        assert match, f"{path.name}: name it <CODE>-<short-english-slug>.yml"
        assert match.group(1) in SEVERITY, f"{path.name}: no such code"
    assert not [p for p in CASES_DIR.glob("*/*") if p.suffix not in (".yml", ".yaml")]


def test_corpus_is_large_enough() -> None:
    assert len(CASE_PATHS) >= 45


def test_every_code_has_a_case() -> None:
    cases = [case for case in map(read_case, CASE_PATHS) if not case.xfail]
    covered = {code for case in cases for code, _ in case.expected}
    covered |= {code for case in cases for _, code, _ in case.elsewhere}
    missing = {code.code for code in codes.CATALOGUE} - covered - set(COVERED_IN_PYTHON)
    assert not missing, f"no case file makes the checker report {sorted(missing)}"
    for test_name in COVERED_IN_PYTHON.values():
        module, _, name = test_name.rpartition("::")  # `test_names.py::test_…`: another file
        scope = (
            vars(importlib.import_module("tests." + module[:-3].replace("/", ".")))
            if module
            else globals()
        )
        assert callable(scope.get(name)), test_name


# ---------------------------------------------------------------- cases that are not files


def _problems_in(problems: list[dict[str, object]], file: str) -> set[tuple[object, object]]:
    return {(p["code"], p["line"]) for p in problems if p["file"] == file}


def test_file_over_four_megabytes_is_refused(base_project: Path) -> None:
    huge = base_project / "content/funds/huge.yml"
    line = b"# " + b"x" * 1021 + b"\n"
    huge.write_bytes(line * (MAX_FILE_BYTES // len(line) + 1))
    assert huge.stat().st_size > MAX_FILE_BYTES
    result, problems = check_json(base_project)
    assert _problems_in(problems, "content/funds/huge.yml") == {("G008", 1)}
    assert len(problems) == 1
    assert result.exit_code == 1


def test_file_of_exactly_four_megabytes_is_read(base_project: Path) -> None:
    big = base_project / "content/funds/big.yml"
    line = b"# " + b"x" * 1021 + b"\n"
    big.write_bytes(line * (MAX_FILE_BYTES // len(line)))
    assert big.stat().st_size == MAX_FILE_BYTES
    _, problems = check_json(base_project)
    assert _problems_in(problems, "content/funds/big.yml") == {("G005", 1)}


def test_zero_byte_file_is_empty(base_project: Path) -> None:
    (base_project / "content/matters/new.yml").write_bytes(b"")
    result, problems = check_json(base_project)
    assert [(p["file"], p["code"], p["line"]) for p in problems] == [
        ("content/matters/new.yml", "G005", 1)
    ]
    assert result.exit_code == 1


def test_unreadable_file_is_reported(base_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod cannot stop root from reading, so the refusal is simulated where the loader reads."""
    target = base_project / "content/matters/lawn.yml"
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == target.name and path.parent.name == "matters":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result, problems = check_json(base_project)
    mine = [p for p in problems if p["file"] == "content/matters/lawn.yml"]
    assert [(p["code"], p["line"]) for p in mine] == [("G009", 0)]
    assert "没有读取权限" in str(mine[0]["message"])
    assert result.exit_code == 1


def test_crashing_rule_becomes_g901_and_others_still_run(base_project: Path) -> None:
    ledger = base_project / "content/funds/public-2026-q1.yml"
    ledger.write_text(ledger.read_text("utf-8").replace("1300.10", "1300.11"), "utf-8")
    project, loading = load_project(base_project, date(2026, 11, 25))
    assert project is not None and loading == []

    def crashing(project: object) -> list[object]:
        raise ZeroDivisionError("boom")

    found = run_rules(
        project,
        (Rule(codes.G204, crashing), Rule(codes.G201, ledgers.ledger_balance_diagnostics)),
    )
    assert [(d.code, d.span) for d in found] == [
        ("G901", Span(CONFIG_FILE)),
        ("G201", Span("content/funds/public-2026-q1.yml", 8, 18)),
    ]
    assert "G204" in found[0].message and "ZeroDivisionError" in found[0].message
    assert found[0].is_error


def _long_ledger(entries: int) -> str:
    """A balanced quarter of one-yuan parking fees: plain YAML, no anchors, as a secretary writes."""
    line = "  - {date: 2026-01-10, type: income, category: 停车费, amount: 1.00, description: 一月停车费}\n"
    return (
        "account: public-income\nname: 小区公共收益\n"
        "period: {start: 2026-01-01, end: 2026-03-31}\nopening_balance: 0.00\nentries:\n"
        + line
        * entries
        + f"closing_balance: {entries}.00\nprepared_by: 业委会\nreviewed_by: 监督委员会\n"
        "published: 2026-04-05\n"
    )


def test_a_plain_ledger_of_two_and_a_half_megabytes_is_checked_not_refused(
    base_project: Path,
) -> None:
    """It was refused with the anchors-and-aliases message G007, though it has neither."""
    ledger = base_project / "content/funds/public-2026-q1.yml"
    ledger.write_text(_long_ledger(25_000), encoding="utf-8")
    assert 2_400_000 < ledger.stat().st_size < MAX_FILE_BYTES
    result, problems = check_json(base_project)
    assert result.exit_code == 0, problems
    assert [p for p in problems if p["file"] == "content/funds/public-2026-q1.yml"] == []


def test_file_packed_with_a_million_values_is_refused_with_entries_and_bytes(
    base_project: Path,
) -> None:
    packed = base_project / "content/funds/packed.yml"
    packed.write_text("entries: [" + "a," * 1_100_000 + "a]\n", encoding="utf-8")
    result, problems = check_json(base_project)
    mine = [p for p in problems if p["file"] == "content/funds/packed.yml"]
    assert [(p["code"], p["line"]) for p in mine] == [("G011", 1)]
    message = str(mine[0]["message"])
    assert (
        "1,100,004 个值" in message
    )  # the mapping, its key, the list, the items and "条账目" in message and "4 MB" in message
    assert result.exit_code == 1


def test_commit_subjects_are_covered_by_the_privacy_corpus(tmp_path: Path) -> None:
    """G705 needs a git history (tests/privacy/test_privacy_corpus.py also builds the site)."""
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    git = ["git", "-C", str(root), "-c", "user.name=秘书", "-c", "user.email=s@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "改正电话 13912345678"], check=True)
    result = check_project(root, date.fromisoformat(TODAY))
    [warning] = [d for d in result.diagnostics if d.code == "G705"]
    assert "139****5678" in warning.message
    assert "13912345678" not in warning.message
    assert not result.errors


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _build(root: Path) -> Result:
    return CliRunner().invoke(
        cli, ["build", str(root), "--today", TODAY, "--no-posters"], catch_exceptions=False
    )


def test_library_failure_in_build_becomes_g902_and_keeps_the_old_site(
    base_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = base_project / "site"
    assert _build(base_project).exit_code == 0
    before = _files(out)

    def feedgen_refuses(*args: object, **kwargs: object) -> object:
        raise ValueError("Required fields not set")

    monkeypatch.setattr(data_pages, "news_feeds", feedgen_refuses)
    result = _build(base_project)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line = next(line for line in result.output.splitlines() if " G902 " in line)
    assert line.startswith(f"{out}: 错误 G902 生成订阅（RSS、Atom）时出错")
    assert "ValueError: Required fields not set" in line
    assert "网站没有生成（原来的网站保持不变）" in line
    assert _files(out) == before
    assert not [p for p in base_project.iterdir() if p.name.startswith(".site-")]


def test_library_failure_outside_every_named_step_is_still_g902(
    base_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = base_project / "site"
    assert _build(base_project).exit_code == 0
    before = _files(out)

    def crashing(site_dir: Path) -> None:
        raise RuntimeError("something no rule foresaw")

    monkeypatch.setattr(site_build, "prune_theme_assets", crashing)
    result = _build(base_project)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "错误 G902 生成网站时出错（RuntimeError: something no rule foresaw）" in result.output
    assert _files(out) == before


def test_library_failure_in_a_record_poster_names_the_record_file(
    base_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cn2an_refuses(*args: object, **kwargs: object) -> str:
        raise ValueError("超出数据范围，最长支持 16 位")

    monkeypatch.setattr(poster_writer, "render_matter_poster", cn2an_refuses)
    result = CliRunner().invoke(
        cli, ["build", str(base_project), "--today", TODAY], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "content/matters/lawn.yml: 错误 G902 生成海报时出错（ValueError: 超出数据范围" in (
        result.output
    )
    assert "网站没有生成。" in result.output  # there was no site before: nothing to keep
    assert not (base_project / "site").exists()


def test_library_failure_in_print_becomes_g903_and_keeps_the_old_posters(
    base_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def print_posters() -> Result:
        return CliRunner().invoke(
            cli,
            ["print", "-C", str(base_project), "owners-committee", "lawn", "--today", TODAY],
            catch_exceptions=False,
        )

    assert print_posters().exit_code == 0
    posters = base_project / "posters"
    before = _files(posters)
    committee = base_project / "content/organizations/owners-committee.yml"
    committee.write_text(
        committee.read_text("utf-8").replace("测试小区业主委员会", "测试小区第二届业主委员会"),
        "utf-8",
    )

    def weasyprint_refuses(*args: object, **kwargs: object) -> str:
        raise AssertionError("a layout box with no parent")

    monkeypatch.setattr(poster_writer, "render_matter_poster", weasyprint_refuses)
    result = print_posters()
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert (
        "content/matters/lawn.yml: 错误 G903 生成海报时出错（AssertionError: a layout box with no "
        "parent）。一张海报也没有写出，原来的海报保持不变。"
    ) in result.output
    assert _files(posters) == before  # the committee's poster, rendered first, was not written
