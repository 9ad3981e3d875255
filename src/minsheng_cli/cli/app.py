"""The typer application and its root options; the commands register themselves on `app`."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup

from .. import __version__
from .options import Lang, LangOption
from .usage_zh import HelpContext

if TYPE_CHECKING:
    from typer import _click as click  # for types only: typer carries its own copy

def _startup_lang(args: list[str]) -> str:
    """The language `--lang` asks for among the arguments, else MINSHENG_LANG's, else zh: known
    before click parses anything, so that `--help` is in it (and stays fast: no catalog)."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.removeprefix("--lang=") == "en" else "zh"
    return "en" if os.environ.get("MINSHENG_LANG", "").strip().lower().startswith("en") else "zh"


# the usage line's words for the options and for a group's command, in Chinese
_USAGE_ZH = {"options_metavar": "[选项]", "subcommand_metavar": "命令 [参数...]"}


def _localize(group: click.Command, lang: str) -> None:
    """Every help text of the app in `lang`, and the names it gives arguments and values: the
    English is the code's own, kept aside the first time; the Chinese comes from
    help_zh.HELP_ZH and METAVAR_ZH (English where they have none). click's own words (用法：,
    选项：, （默认：…）) come from the commands' context, usage_zh.HelpContext."""
    from .help_zh import HELP_ZH, METAVAR_EN, METAVAR_ZH

    commands = getattr(group, "commands", {})
    for name, command in [("", group), *commands.items()]:
        command.context_class = HelpContext
        for attr, zh_words in _USAGE_ZH.items():
            if hasattr(command, attr):
                _swap(command, attr, zh_words if lang == "zh" else None)
        for key, thing in [(name, command), *((_param_key(name, p), p) for p in command.params)]:
            shared = "*." + key.rpartition(".")[2]
            if hasattr(thing, "help"):
                _swap(thing, "help", (HELP_ZH.get(key) or HELP_ZH.get(shared)) if lang == "zh"
                      else None)
            if thing is not command:
                _swap(thing, "metavar", (METAVAR_ZH.get(key) or METAVAR_ZH.get(shared))
                      if lang == "zh" else METAVAR_EN.get(key))


def _swap(thing: object, attr: str, zh: str | None) -> None:
    """`thing.attr` in Chinese (`zh`), or back to its English, kept aside the first time."""
    kept = f"_{attr}_en"
    if not hasattr(thing, kept):
        setattr(thing, kept, getattr(thing, attr))
    setattr(thing, attr, zh if zh else getattr(thing, kept))


def _param_key(command: str, param: click.Parameter) -> str:
    name = next((o for o in param.opts if o.startswith("--")), param.name or "")
    return f"{command}.{name}" if command else name


def _first_sentence(help_: str) -> str:
    """The first sentence of a help text's first paragraph, in either language."""
    paragraph = " ".join(help_.strip().split("\n\n")[0].split())
    found = re.match(r".*?(?:。|\.(?= |$))", paragraph)
    return found.group(0) if found else paragraph


class _Group(TyperGroup):
    """The app's group: help and usage errors in the language asked for, decided from the
    arguments themselves (before click parses them, so that `--help --lang en` is English)."""

    context_class = HelpContext

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from ..i18n import set_lang
        from .usage_zh import usage_errors_localized

        lang = _startup_lang(args)
        set_lang(lang)
        _localize(self, lang)
        with usage_errors_localized():
            return super().parse_args(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands, each with the first sentence of its help, whole (click would cut it
        at a number of characters, with `...`); the formatter wraps it."""
        rows = [(name, _first_sentence(command.help or ""))
                for name, command in self.commands.items() if not command.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        from .usage_zh import usage_errors_localized

        with usage_errors_localized():
            return super().invoke(ctx)


app = typer.Typer(
    name="minsheng",
    cls=_Group,
    help="Hold the district's livelihood plan (民生十大实事) to account: validate and list the plan, "
    "check reported progress against it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"minsheng {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
    lang: LangOption = Lang.zh,
) -> None:
    """Hold the district's livelihood plan (民生十大实事) to account."""
