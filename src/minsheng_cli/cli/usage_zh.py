"""click's own words in Chinese: the help's headings and option notes, and the usage errors (exit
2). typer's copy of click writes them in English, in f-strings rather than through gettext, so
they are translated here from what click hands over: an error's class and fields, else its text
matched against a small table. What the table does not know stays in English; in English
nothing here changes a word of click's. The help's formatter wraps by display width, in both
languages (see wrapping.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

from typer._click.core import Context
from typer._click.exceptions import (
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.formatting import HelpFormatter
from typer._click.utils import echo

from ..i18n import Join, Msg, current_lang, say
from .wrapping import cells, wide, wrap, wrap_paragraphs


def _zh() -> bool:
    return current_lang() == "zh"


# ── the help ────────────────────────────────────────────────────────────────────────────────────

_HEADINGS = {"Options": "click.options", "Arguments": "click.arguments",
             "Commands": "click.commands"}
# `help  [env var: MINSHENG_LANG; default: zh]`: the notes click adds after an option's help
_NOTES = re.compile(r"(?P<help>.*?)(?P<gap>\s*)\[(?P<notes>[^\[\]]+)\]", re.DOTALL)
_RANGE = re.compile(r"(?:(?P<low>-?[\d.]+)<=)?x(?:<=(?P<high>-?[\d.]+)|>=(?P<least>-?[\d.]+))?")
# a type typer shows after a parameter's name (`<list[Path]>`, `<path>`, `<int range>`), not
# the choices (`<table|json>`), which are the values to type
_TYPE_NAME = re.compile(r" <[^<>|]*>")
# typer's `{name}` for a required argument; the Chinese name says `...` itself when it repeats
_REQUIRED = re.compile(r"\{(?P<name>[^{}]+)\}(?:\.\.\.)?")
_REPEATED = re.compile(r"\[(?P<name>[^\[\]]+)\]\.\.\.")


def _range(note: str, help_: str) -> str | None:
    """A number range note (`1<=x<=10`) in Chinese; "" when the help says it already."""
    found = _RANGE.fullmatch(note)
    if found is None or note == "x":
        return None
    low, high = found["low"], found["high"]
    if low is not None and high is not None:
        return "" if f"{low}–{high}" in help_ else say("click.range", low=low,
                                                        high=high).text("zh")
    if high is not None:
        return say("click.range-max", high=high).text("zh")
    least = low if low is not None else found["least"]
    return None if least is None else say("click.range-min", low=least).text("zh")


def _note(note: str, help_: str = "") -> str | None:
    """One of click's notes in Chinese ("" for one to leave out), or None when it is not one
    click writes."""
    if note == "required":
        return say("click.required").text("zh")
    if note.startswith("default: "):
        return say("click.default", value=note.removeprefix("default: ")).text("zh")
    if note.startswith("env var: "):
        return say("click.env-var", var=note.removeprefix("env var: ")).text("zh")
    return _range(note, help_)


def help_text(text: str) -> str:
    """An option's help as the help page shows it, with click's words in Chinese."""
    return "".join(_help_and_notes(text))


def _help_and_notes(text: str) -> tuple[str, str]:
    """An option's help in Chinese, and apart the notes click adds (`（默认：table）`)."""
    if text == "Show this message and exit.":
        return say("click.help-option").text("zh"), ""
    found = _NOTES.fullmatch(text)
    if found is None:
        return text, ""
    notes = [_note(n, found["help"]) for n in found["notes"].split("; ")]
    if any(n is None for n in notes):
        return text, ""
    shown = "；".join(n for n in notes if n)
    if not shown:
        return found["help"], ""
    gap = "" if found["help"] and wide(found["help"][-1]) else found["gap"]
    return found["help"], f"{gap}（{shown}）"


def zh_usage(args: str) -> str:
    """A usage line's arguments as the help writes them: `文件或文件夹...` (`INPUT...`), not
    `{actuals}...`; `[计划文件...]` (`[PLAN...]`), not `[plans]...`."""
    def required(m: re.Match[str]) -> str:
        name = m["name"]
        return name + ("..." if m[0].endswith("}...") and not name.endswith("...") else "")

    def optional(m: re.Match[str]) -> str:
        name = m["name"]
        return f"[{name}]" if name.endswith("...") else f"[{name}...]"

    return _REPEATED.sub(optional, _REQUIRED.sub(required, args))


class Formatter(HelpFormatter):
    """click's help formatter, wrapping by display width, and in Chinese when that is the
    language: 用法：, 选项：, （默认：…）."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = say("click.usage").text("zh") if _zh() else "Usage: "
        args = zh_usage(args)  # in English too: `INPUT...`, not `{INPUT...}...`
        usage_prefix = f"{prefix:>{self.current_indent}}{prog} "
        text_width = self.width - self.current_indent
        if text_width >= cells(usage_prefix) + 20:
            indent = " " * cells(usage_prefix)
            self.write(wrap(args, text_width, usage_prefix, indent))
        else:  # the arguments on the next line
            indent = " " * (max(self.current_indent, cells(prefix)) + 4)
            self.write(f"{usage_prefix}\n{wrap(args, text_width, indent, indent)}")
        self.write("\n")

    def write_heading(self, heading: str) -> None:
        if not _zh():
            super().write_heading(heading)
            return
        key = _HEADINGS.get(heading)
        self.write(f"{'':>{self.current_indent}}{say(key).text('zh') if key else heading}：\n")

    def write_text(self, text: str) -> None:
        self.write(wrap_paragraphs(text, self.width, " " * self.current_indent))
        self.write("\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        rows = [(_TYPE_NAME.sub("", term), text) for term, text in rows]  # no `<list[Path]>`
        if not rows:
            return
        first_col = min(max(cells(term) for term, _ in rows), col_max) + col_spacing
        indent = " " * self.current_indent
        text_width = max(self.width - first_col - 2, 10)
        for term, text in rows:
            self.write(f"{indent}{term}")
            if not text:
                self.write("\n")
                continue
            if cells(term) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(term)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            help_, notes = _help_and_notes(text) if _zh() else (text, "")
            lines = wrap_paragraphs(help_, text_width, "", notes).splitlines() or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class HelpContext(Context):
    """A context whose help and usage lines speak the language chosen."""

    formatter_class = Formatter


# ── usage errors ────────────────────────────────────────────────────────────────────────────────

# click's words for a value that is wrong, and typer's and pydantic's beneath them
_VALUE = [
    (re.compile(r"(?:Value error, )?(?P<value>.+) is not one of (?P<choices>.+)\."),
     "click.not-one-of"),
    (re.compile(r"Input should be a valid integer\b.*"), "click.not-integer"),
    (re.compile(r"Input should be a valid number\b.*"), "click.not-number"),
    (re.compile(r"Input should be less than or equal to (?P<limit>\S+)"), "click.at-most"),
    (re.compile(r"Input should be greater than or equal to (?P<limit>\S+)"), "click.at-least"),
    (re.compile(r"(?P<kind>file|dir|path) (?P<path>.+) does not exist\."), "click.path-missing"),
]
# click's words for a usage error that is only its text
_USAGE = [
    (re.compile(r"No such option: (?P<name>.+)"), "click.no-such-option"),
    (re.compile(r"No such command (?P<name>.+?)\. Did you mean (?P<near>.+)\?"),
     "click.no-such-command-near"),
    (re.compile(r"No such command (?P<name>.+)\."), "click.no-such-command"),
    (re.compile(r"Missing command\."), "click.missing-command"),
    (re.compile(r"Option (?P<name>.+) requires an argument\."), "click.requires-value"),
    (re.compile(r"Option (?P<name>.+) requires (?P<n>\d+) arguments\."), "click.requires-values"),
    (re.compile(r"Option (?P<name>.+) does not take a value\."), "click.takes-no-value"),
    (re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)"),
     "click.extra-arguments"),
]
_ENV_HINT = re.compile(r" \(env var: (?P<var>'[^']*')\)")


def _match(table: list[tuple[re.Pattern[str], str]], message: str) -> Msg | None:
    for pattern, key in table:
        found = pattern.fullmatch(message)
        if found:
            params: dict[str, Any] = found.groupdict()
            if key == "click.path-missing":
                params["kind"] = say(f"click.kind-{params['kind']}")
            if key == "click.no-such-command-near":  # typer's `'check', 'schema'`
                params["near"] = Join((" 或 ", ", "), re.findall(r"'[^']*'", params["near"]))
            return say(key, **params)
    return None


def _hint(exc: BadParameter) -> str | None:
    """The parameter an error is about, as click names it (`'--format'`)."""
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint()
    if hint is None or isinstance(hint, str):
        return hint
    return " / ".join(repr(h) for h in hint)


def _zh_hint(exc: BadParameter, hint: str) -> str:
    """The parameter as the Chinese help names it: an argument by its Chinese name
    (`文件或文件夹`, not `'actuals'`), an option with its environment variable in Chinese."""
    param = exc.param
    if exc.param_hint is None and param is not None and param.param_type_name == "argument":
        return (param.metavar or param.name or hint).removesuffix("...")
    return _ENV_HINT.sub(lambda m: say("click.env-var-hint", var=m["var"]).text("zh"), hint)


def _message(exc: UsageError) -> str | None:
    """The error's message in Chinese, or None when it is not one this module knows."""
    if isinstance(exc, MissingParameter):
        hint = _hint(exc)
        kind = exc.param_type or (exc.param.param_type_name if exc.param else None)
        key = {"argument": "click.missing-argument", "option": "click.missing-option"}.get(
            kind or "")
        if key is None or hint is None or exc.format_message() != f"Missing {kind} {hint}.":
            return None  # with notes this module does not know
        return say(key, hint=_zh_hint(exc, hint)).text("zh")
    if isinstance(exc, BadParameter):
        inner = exc.message if isinstance(exc.message, Msg) else (
            _match(_VALUE, exc.message) or exc.message)  # a message of ours is a Msg already
        hint = _hint(exc)
        return (say("click.invalid-value", message=inner) if hint is None
                else say("click.invalid-value-for", hint=_zh_hint(exc, hint), message=inner)
                ).text("zh")
    message = _match(_USAGE, exc.message)
    if isinstance(exc, NoSuchOption) and message is not None and exc.possibilities:
        message = say("click.possible-options", message=message,
                      options=", ".join(sorted(exc.possibilities)))
    return None if message is None else message.text("zh")


class ChineseUsageError(UsageError):
    """A usage error as click shows it (usage line, where to find help, the error), in Chinese."""

    def __init__(self, original: UsageError, message: str) -> None:
        super().__init__(message, original.ctx)
        self.exit_code = original.exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        ctx = self.ctx
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                hint = say("click.try-help", command=ctx.command_path,
                           option=ctx.help_option_names[0]).text("zh") + "\n"
            echo(f"{ctx.get_usage()}\n{hint}", file=file, err=file is None, color=ctx.color)
        echo(f"{say('tag.error').text('zh')}{self.format_message()}", file=file,
             err=file is None, color=ctx.color if ctx is not None else self.show_color)


def localized(exc: UsageError) -> UsageError:
    """The usage error in the language chosen: in Chinese where this module knows its words;
    otherwise (and in English) the error as click made it."""
    if not _zh() or isinstance(exc, NoArgsIsHelpError):
        return exc
    message = _message(exc)
    return exc if message is None else ChineseUsageError(exc, message)


@contextmanager
def usage_errors_localized() -> Iterator[None]:
    """Usage errors raised inside, in the language chosen (see `localized`)."""
    try:
        yield
    except UsageError as exc:
        translated = localized(exc)
        if translated is exc:
            raise
        raise translated from None
