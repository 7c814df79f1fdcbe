"""The frame every `gongshi` command runs in: its language, its help, its usage errors, colour.

cli.py declares the commands; this module makes them speak the chosen language
(help texts are stored in Chinese and translated in place while a command runs,
click's own words through the catalogue), lays help out by display width (a
Chinese character takes two columns), adds each command's examples, and turns a
usage error into one plain line and exit code 2.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from generator.console import colour_choice, paint
from generator.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    N_,
    _,
    current_language,
    language_in_arguments,
    project_language,
    speaking,
    switch_language,
)
from generator.project import CONFIG_FILE

EXIT_OK, EXIT_CONTENT, EXIT_MISUSE = 0, 1, 2
LANGUAGE_CHOSEN = "gongshi.language_chosen"
"""`ctx.meta` key: set when `--lang` was given, so the project's setting does not override it."""

# Display width: what a terminal shows, not what len() counts.

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WIDE = frozenset("WF")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f"
_UNIT = re.compile(rf"\s+|[{_CJK}]|[^\s{_CJK}]+")
"""What a line may break between: spaces, each Chinese character, each other word."""
_NO_LINE_START = frozenset("，。、；：？！）」』》〉】’”…·,.;:?!)]")
_NO_LINE_END = frozenset("（「『《〈【‘“([")
"""Chinese line breaking: closing punctuation never starts a line, opening never ends one."""


def display_width(text: str) -> int:
    plain = _ANSI.sub("", text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in _WIDE else 1
        for ch in plain
    )


def wrap_display(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns, broken between Chinese characters or at spaces.

    Closing punctuation never starts a line (the character before it moves down with it),
    opening punctuation never ends one.
    """
    lines: list[list[str]] = []
    line: list[str] = []
    for unit in _UNIT.findall(" ".join(text.split())):
        used = sum(display_width(part) for part in line)
        if used + display_width(unit) <= width:
            if line or not unit.isspace():
                line.append(unit)
            continue
        if unit.isspace():
            lines.append(line)
            line = []
            continue
        carried: list[str] = []
        movable = len(line) > 1 and not line[-1].isspace()
        if movable and (unit[0] in _NO_LINE_START or line[-1][-1] in _NO_LINE_END):
            carried = [line.pop()]
        if line:
            lines.append(line)
        line = [*carried, unit]
    lines.append(line)
    return ["".join(parts).rstrip() for parts in lines if parts] or [""]


def _joined(lines: Iterable[str]) -> str:
    """Lines of one paragraph as one text: no space between two Chinese characters."""
    text = ""
    for raw in lines:
        line = raw.strip()
        if text and line and not (display_width(text[-1]) == 2 and display_width(line[0]) == 2):
            text += " "
        text += line
    return text


class Formatter(click.HelpFormatter):
    """click's help layout, measured in display columns and broken the Chinese way."""

    def write_heading(self, heading: str) -> None:
        text = _("{heading}：").format(heading=heading)
        self.write(f"{'':>{self.current_indent}}{text}\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """click puts a space after its word for Usage; none after a full-width colon."""
        start = len(self.buffer)
        super().write_usage(prog, args, prefix)
        written = "".join(self.buffer[start:])
        self.buffer[start:] = [written.replace("： ", "：", 1)]

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 20)
        for number, paragraph in enumerate(re.split(r"\n\s*\n", text.strip("\n"))):
            if number:
                self.write("\n")
            lines = paragraph.splitlines()
            if lines and lines[0].strip() == "\b":
                self.write("".join(f"{indent}{line}\n" for line in lines[1:]))
                continue
            self.write("".join(f"{indent}{line}\n" for line in wrap_display(_joined(lines), width)))

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        if not rows:
            return
        first = min(max(display_width(term) for term, _text in rows), col_max) + col_spacing
        text_width = max(self.width - first - self.current_indent, 20)
        indent = " " * self.current_indent
        for term, text in rows:
            self.write(f"{indent}{term}")
            if not text:
                self.write("\n")
                continue
            if display_width(term) <= first - col_spacing:
                self.write(" " * (first - display_width(term)))
            else:
                self.write("\n" + " " * (first + self.current_indent))
            lines = wrap_display(text, text_width)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{indent}{' ' * first}{line}\n")


class Context(click.Context):
    formatter_class = Formatter


Example = tuple[str, str]
"""What an example does (Chinese, translated when shown) and the command line to type."""


class _WithExamples:
    """Help that ends with the command's examples; the first sentence as its short help."""

    examples: tuple[Example, ...]
    short_help: str | None
    help: str | None

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first sentence of the help, whole: the command list wraps it instead of cutting."""
        if self.short_help:
            return self.short_help
        first = (self.help or "").strip().split("\n\n")[0]
        text = _joined(first.splitlines())
        match = re.match(r"(.+?[。.])(\s|$)", text)
        return match.group(1) if match else text

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)  # type: ignore[misc]
        if not self.examples:
            return
        with formatter.section(_("示例")):
            for number, (what, line) in enumerate(self.examples):
                if number:
                    formatter.write("\n")
                formatter.write_text(_(what))
                with formatter.indentation():
                    formatter.write_text(f"\b\n{line}")


class Command(_WithExamples, click.Command):
    """A command whose help ends with examples: `@cli.command(examples=((what, line), ...))`."""

    context_class = Context

    def __init__(self, *args: Any, examples: Sequence[Example] = (), **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", N_("[选项]"))
        super().__init__(*args, **kwargs)
        self.examples = tuple(examples)


class Group(_WithExamples, click.Group):
    """The `gongshi` group: chooses the language, then runs the command in it.

    Usage errors are one line in that language and exit code 2; colour follows
    `console.colour_choice` (NO_COLOR, FORCE_COLOR, or a terminal).
    """

    context_class = Context
    command_class = Command

    def __init__(self, *args: Any, examples: Sequence[Example] = (), **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", N_("[选项]"))
        kwargs.setdefault("subcommand_metavar", N_("命令 [参数]..."))
        super().__init__(*args, **kwargs)
        self.examples = tuple(examples)

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **kwargs: Any
    ) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        asked = language_in_arguments(arguments)
        language = (
            asked
            if asked in LANGUAGES
            else project_language(Path.cwd() / CONFIG_FILE) or DEFAULT_LANGUAGE
        )
        colour = kwargs.pop("color", colour_choice())
        with speaking(language), localized_help(self):
            if not kwargs.pop("standalone_mode", True):
                return super().main(
                    arguments, prog_name, standalone_mode=False, color=colour, **kwargs
                )
            try:
                super().main(arguments, prog_name, standalone_mode=False, color=colour, **kwargs)
            except click.exceptions.NoArgsIsHelpError as error:
                click.echo(error.format_message(), color=colour)
                sys.exit(EXIT_MISUSE)
            except click.UsageError as error:
                usage_error(error, colour)
            except click.exceptions.Abort:
                click.echo(_("已取消。"), err=True, color=colour)
                sys.exit(EXIT_MISUSE)
            except click.exceptions.Exit as done:
                sys.exit(done.exit_code)
        sys.exit(EXIT_OK)


def usage_error(error: click.UsageError, colour: bool | None) -> NoReturn:
    command = error.ctx.command_path if error.ctx is not None else "gongshi"
    message = chinese_punctuation(error.format_message())
    hint = _("运行 {command} --help 查看用法。").format(command=command)
    click.echo(
        paint(_("用法错误："), "error") + message + "\n" + paint(hint, "hint"),
        err=True,
        color=colour,
    )
    sys.exit(EXIT_MISUSE)


def chinese_punctuation(message: str) -> str:
    """click's quotes and full stops around a translated message, the Chinese way."""
    if current_language() != "zh":
        return message
    message = re.sub(r"'([^'\n]+)'", r"「\1」", message)
    message = re.sub(r"」\s*,\s*「", "」、「", message)
    message = re.sub(r"(?<=[\u4e00-\u9fff」）])\.(?=\s|$)", "。", message)
    return re.sub(
        r"(?<=[」。）：])\s+(?=[\u4e00-\u9fff「（])|(?<=[\u4e00-\u9fff])\s+(?=「)", "", message
    )


def misuse(message: str) -> NoReturn:
    """Stop with exit code 2: the secretary asked for something the command cannot do."""
    click.echo(paint(_("用法错误："), "error") + message, err=True)
    sys.exit(EXIT_MISUSE)


def language_option() -> Callable[[Any], Any]:
    """`--lang`: read before parsing (see Group.main); here so that help lists it and it parses."""

    def chosen(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        if value is not None:
            ctx.meta[LANGUAGE_CHOSEN] = value

    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        metavar=N_("语言"),
        expose_value=False,
        is_eager=True,
        callback=chosen,
        help=N_("提示用哪种语言：zh 简体中文，en 英文（默认看 site_config.yml，否则 zh）。"),
    )


def adopt_project_language(root: Path) -> None:
    """Speak the project's `command_line.language` from here on, unless `--lang` chose."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.meta.get(LANGUAGE_CHOSEN):
        return
    found = project_language(root / CONFIG_FILE)
    if found is not None and found != current_language():
        switch_language(found)


_COMMAND_TEXTS = ("help", "short_help", "epilog", "options_metavar", "subcommand_metavar")
_PARAMETER_TEXTS = ("help", "metavar")


def _commands(command: click.Command) -> Iterator[click.Command]:
    yield command
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from _commands(sub)


def _texts(command: click.Command) -> Iterator[tuple[object, str]]:
    for each in _commands(command):
        yield from ((each, name) for name in _COMMAND_TEXTS if hasattr(each, name))
        for param in each.params:
            yield from ((param, name) for name in _PARAMETER_TEXTS)


def _forget_help_options(command: click.Command) -> None:
    """click keeps each command's `--help` option once made, its help in the language of
    that moment: make it again in this run's language."""
    for each in _commands(command):
        each._help_option = None


@contextmanager
def localized_help(command: click.Command) -> Iterator[None]:
    """Every help text, metavar and epilog of `command` and its commands in the current
    language while the block runs; the stored Chinese (the catalogue's keys) after it."""
    saved = [(owner, name, getattr(owner, name)) for owner, name in _texts(command)]
    for owner, name, text in saved:
        if isinstance(text, str) and text:
            setattr(owner, name, _(text))
    _forget_help_options(command)
    try:
        yield
    finally:
        for owner, name, text in saved:
            setattr(owner, name, text)
        _forget_help_options(command)
