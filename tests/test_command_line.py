"""A friendly command line: help and usage errors in Chinese (or English), version, colour, bars.

Help is read the way a secretary reads it: every ASCII word left in it must be
something to type (an option, a choice, a default, a command, a path or id) or a
name listed here with its reason, so an English sentence cannot slip in.
"""

from __future__ import annotations

import importlib.metadata
import os
import pty
import re
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from generator.cli import cli
from generator.command_frame import display_width
from generator.posters import PAGE_SIZES
from tests.conftest import REPO, TODAY

PROPER_NOUNS = {"PDF"}
"""Words with no Chinese a secretary would recognise better: the file a print shop asks for."""
PROGRAM = {"gongshi", "Gongshi"}
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
_LITERAL = re.compile(r"[\w.]*[./_\d-][\w./+-]*")
"""A path, file name, id, code or number: typed as is, not read as English."""
_WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9_]*(?![A-Za-z0-9_])")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def commands() -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield (), cli
    for name, command in sorted(cli.commands.items()):
        yield (name,), command


COMMANDS = list(commands())
IDS = [" ".join(path) or "gongshi" for path, _command in COMMANDS]


def typed_words(command: click.Command) -> set[str]:
    """The words a secretary types into this command: names, choices, defaults, metavars."""
    words = set(PROGRAM) | set(cli.commands) | set(PAGE_SIZES)
    words |= set(getattr(command, "commands", {}))  # a group's own commands (`new ledger`)
    for param in command.params:
        values: list[object] = [param.default, param.metavar]
        if isinstance(param.type, click.Choice):
            values += list(param.type.choices)
        for value in values:
            if isinstance(value, str):
                words.update(_WORD.findall(value))
    return words


def without_example_lines(text: str, command: click.Command) -> str:
    """The help without the command lines of its examples: they are typed as shown."""
    lines = {line for _what, line in getattr(command, "examples", ())}
    return "\n".join(row for row in text.splitlines() if row.strip() not in lines)


def english_words(text: str, command: click.Command, typed: tuple[str, ...] = ()) -> set[str]:
    text = without_example_lines(text, command)
    for word in typed:
        text = text.replace(word, " ")
    text = _LITERAL.sub(" ", _OPTION.sub(" ", text))
    return set(_WORD.findall(text)) - typed_words(command) - PROPER_NOUNS


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_is_chinese_with_examples(run_cli, path: tuple[str, ...], command: click.Command):
    result = run_cli(*path, "--help")
    assert result.exit_code == 0, result.output
    assert english_words(result.output, command) == set(), result.output
    assert result.output.startswith(f"用法：gongshi {' '.join(path)}".rstrip())
    assert "示例：" in result.output and "显示本帮助并退出。" in result.output
    assert "选项：" in result.output


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_in_english_has_no_chinese_left(run_cli, path: tuple[str, ...], command):
    result = run_cli("--lang", "en", *path, "--help")
    assert result.exit_code == 0, result.output
    text = without_example_lines(result.output, command)
    text = text.replace("(公示)", "")  # the product's name, given with its meaning
    text = re.sub(r"“[^”]*”", "", text)  # a word as the poster prints it, quoted
    assert not _CJK.findall(text), result.output
    assert "Usage:" in result.output and "Examples:" in result.output


def test_chinese_again_after_english(run_cli) -> None:
    """The language of one run never stays behind for the next (click caches --help)."""
    assert "Show this message" in run_cli("--lang", "en", "check", "--help").output
    again = run_cli("check", "--help").output
    assert "显示本帮助并退出。" in again and "Show" not in again


def test_help_fits_eighty_columns_of_chinese(run_cli) -> None:
    for path, _command in COMMANDS:
        for line in run_cli(*path, "--help").output.splitlines():
            assert display_width(line) <= 80, line


USAGE_ERRORS = [
    ("check", "--no-such-flag"),
    ("chek",),
    ("check", "--format", "xml"),
    ("check", "--today", "tomorrow"),
    ("check", "one", "two"),
    ("verify",),
    ("serve", "--port", "abc"),
    ("print", "--size"),
    ("--lang", "fr", "check"),
]


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=" ".join)
def test_usage_error_is_one_chinese_line_and_exit_2(run_cli, args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    first, hint = result.output.strip().splitlines()
    assert first.startswith("用法错误：") and hint.startswith("运行 gongshi")
    command = cli.commands.get(args[0], cli)
    typed = tuple(word for word in args if not word.startswith("-"))
    assert english_words(result.output, command, typed) == set(), result.output


def test_misspelt_command_suggests_in_chinese(run_cli) -> None:
    result = run_cli("chek")
    assert "没有这个命令「chek」。是不是想写「check」、「schema」？" in result.output


def test_misspelt_option_suggests_in_chinese(run_cli, base_project: Path) -> None:
    result = run_cli("check", str(base_project), "--strct")
    assert "没有这个选项「--strct」。是不是想写「--strict」？" in result.output


def test_usage_error_in_english(run_cli) -> None:
    result = run_cli("--lang", "en", "chek")
    assert result.exit_code == 2
    assert result.output.startswith("Misuse: No such command 'chek'.")


def test_version_comes_from_the_package_metadata(run_cli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.output == f"gongshi {importlib.metadata.version('gongshi')}\n"


def _broken(base_project: Path) -> Path:
    ledger = base_project / "content/funds/public-2026-q1.yml"
    ledger.write_text(ledger.read_text("utf-8").replace("1300.10", "1300.11"), "utf-8")
    return base_project


def test_lang_en_frames_the_report_in_english(run_cli, base_project: Path) -> None:
    result = run_cli("--lang", "en", "check", str(_broken(base_project)), "--today", TODAY)
    assert result.exit_code == 1
    assert "content/funds/public-2026-q1.yml:8:18: error G201 " in result.output
    assert "1 error, 0 warnings. Fix them as described" in result.output
    assert "run gongshi check --explain G201" in result.output


def test_site_config_chooses_english_and_lang_overrides_it(run_cli, base_project: Path) -> None:
    config = base_project / "site_config.yml"
    config.write_text(config.read_text("utf-8") + "command_line:\n  language: en\n", "utf-8")
    english = run_cli("check", str(base_project), "--today", TODAY)
    assert english.exit_code == 0, english.output
    assert english.output == "Check passed: no problems found.\n"
    chinese = run_cli("--lang", "zh", "check", str(base_project), "--today", TODAY)
    assert chinese.output == "检查通过：没有发现问题。\n"


def test_an_unknown_language_in_site_config_is_a_check_error(run_cli, base_project) -> None:
    config = base_project / "site_config.yml"
    config.write_text(config.read_text("utf-8") + "command_line:\n  language: fr\n", "utf-8")
    result = run_cli("check", str(base_project), "--today", TODAY)
    assert result.exit_code == 1
    assert "site_config.yml:" in result.output and "用法错误" not in result.output


def test_explain_in_english_names_the_title_in_english(run_cli) -> None:
    result = run_cli("--lang", "en", "check", "--explain", "G201")
    assert result.output.startswith("G201 Ledger does not balance (error)\n")


# Colour and progress bars: what a terminal shows, tried on a real pseudo-terminal.


def _environment(**extra: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    environ.update(PYTHONPATH=str(REPO), COLUMNS="100", **extra)
    return environ


def on_terminal(args: list[str], **environ: str) -> str:
    """Everything the command writes to a terminal (stdout and stderr both on the pty)."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=_environment(**environ),
        cwd=REPO,
    )
    os.close(secondary)
    chunks = []
    while True:
        ready, _w, _x = select.select([main], [], [], 120)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the pty closes when the command ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8", errors="replace")


def piped(args: list[str], **environ: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        env=_environment(**environ),
        cwd=REPO,
        timeout=300,
    )


ANSI = "\x1b["


def test_colour_on_a_terminal_and_never_with_no_color(base_project: Path) -> None:
    args = ["check", str(_broken(base_project)), "--today", TODAY]
    coloured = on_terminal(args)
    assert ANSI in coloured and "G201" in coloured
    plain = on_terminal(args, NO_COLOR="1")
    assert ANSI not in plain and "错误 G201" in plain


def test_no_colour_into_a_pipe_unless_forced(base_project: Path) -> None:
    args = ["check", str(_broken(base_project)), "--today", TODAY]
    assert ANSI not in piped(args).stdout
    assert ANSI in piped(args, FORCE_COLOR="1").stdout
    assert ANSI not in piped(args, FORCE_COLOR="1", NO_COLOR="1").stdout
    assert ANSI not in piped(args, FORCE_COLOR="0").stdout


def test_no_colour_in_usage_errors_with_no_color() -> None:
    assert ANSI in on_terminal(["chek"])
    assert ANSI not in on_terminal(["chek"], NO_COLOR="1")


POSTERS = ["lawn", "public-income-2026q1", "owners-committee"]


def test_a_terminal_sees_a_progress_bar_while_posters_are_made(base_project, tmp_path) -> None:
    shown = on_terminal(
        ["print", *POSTERS, "-C", str(base_project), "--out", str(tmp_path), "--today", TODAY]
    )
    assert "正在把海报排成 PDF" in shown and "█" in shown, shown
    assert "3/3" in shown and "共 3 张海报" in shown


def test_no_progress_bar_when_not_on_a_terminal(base_project: Path, tmp_path: Path) -> None:
    result = piped(
        ["print", *POSTERS, "-C", str(base_project), "--out", str(tmp_path), "--today", TODAY]
    )
    assert result.returncode == 0, result.stderr
    assert "共 3 张海报" in result.stdout
    for text in (result.stdout, result.stderr):
        assert "正在把海报排成 PDF" not in text and "█" not in text and "\r" not in text
