"""What the command modules share: options, exit codes, stderr output, plan resolution."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ..problems import Problem, errors

if TYPE_CHECKING:
    import pandas as pd

    from ..i18n import Msg
    from ..plan.model import Plan
    from ..plan.units import Registry


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1  # the input is fine, and what it says fails the check
    BAD_INPUT = 2  # unreadable or invalid input, or bad usage


class Lang(StrEnum):
    zh = "zh"
    en = "en"


PlanOption = Annotated[
    Path | None,
    typer.Option("--plan", help="Plan file to use instead of the embedded 2023 plan.", metavar="FILE"),
]
SharesOption = Annotated[
    Path | None,
    typer.Option("--shares", help="An allocation file (任务分解): units' own shares of "
                 "indicators, issued after the plan; applied on top of it.", metavar="FILE"),
]
def _choose_lang(ctx: typer.Context, param: typer.CallbackParam, value: Lang) -> Lang:
    """`--lang`, else MINSHENG_LANG, else zh (click's order): chosen before the other options
    are parsed, so that every message, a usage error's too, is in it. A command's default does
    not undo the language the app found in all the arguments (`minsheng --lang en check …`)."""
    from ..i18n import current_lang, set_lang

    source = ctx.get_parameter_source(param.name or "lang")
    if source is None or source.name != "DEFAULT":
        set_lang(value.value)
        return value
    return Lang(current_lang())  # the labels too, not only the messages


LangOption = Annotated[Lang, typer.Option(
    "--lang", envvar="MINSHENG_LANG", callback=_choose_lang, is_eager=True,
    help="Language of messages, names and labels: zh (Chinese) or en (English).")]  # click
# adds where the default comes from: `[env var: MINSHENG_LANG; default: zh]`
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE", help="Write FILE.csv (UTF-8 with a BOM, formula-safe, for "
    "Excel and WPS) or FILE.xlsx; default: --format to stdout.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite the output file if it "
                                           "exists.")]
ProjectOption = Annotated[int | None, typer.Option("--project", "-p", min=1, max=10, metavar="N",
                                                   help="Only this project (1–10).")]


def print_problems(problems: list[Problem]) -> None:
    from ..outputs.messages import print_problems as show

    show(problems)


def fail(problems: list[Problem]) -> NoReturn:
    """Print every problem on stderr (several: and how many) and exit 2."""
    print_problems(problems)
    if len(problems) > 1:  # a clerk with forty lines to fix sees how many at the end
        from ..outputs.messages import print_count

        print_count(problems)
    raise typer.Exit(Exit.BAD_INPUT)


def usage_error(message: str) -> NoReturn:
    from ..outputs.messages import print_error

    print_error(message)
    raise typer.Exit(Exit.BAD_INPUT)


def resolve_plan(path: Path | None, shares: Path | None = None) -> Plan:
    """The plan at `path` (default: the embedded 2023 plan), with the allocation file `shares`
    applied, or exit 2 saying what is wrong."""
    from ..plan.load import embedded_plan_path, validate_file

    plan, problems = validate_file(path or embedded_plan_path())
    if plan is None:
        fail(errors(problems))
    if shares is not None:
        from ..plan.allocation import load_allocation

        merged, problems = load_allocation(plan, shares)
        if merged is None:
            fail(problems)
        print_problems(problems)
        plan = merged
    return plan


def parse_as_of(text: str, option: str = "--as-of") -> dt.date:
    """`--as-of` in any date form a report file may use (`2023-06-30`, `2023/6/30`,
    `2023年6月30日`, or a month such as `2023-06`, meaning its last day); a usage error naming
    the option, said once, otherwise."""
    from ..dates import DATE_FORMS, parse_date  # one set of date forms everywhere

    when = parse_date(text.strip())
    if isinstance(when, str):
        from ..i18n import say

        raise typer.BadParameter(say("usage.not-a-date", value=repr(text), forms=DATE_FORMS),
                                 param_hint=f"'{option}'")
    return when


def as_of_in_plan(text: str | None, plan: Plan, option: str = "--as-of") -> dt.date | None:
    """The date an option gives, within the plan's year; exit 2 otherwise."""
    when = parse_as_of(text, option) if text is not None else None
    if when is not None and when.year != plan.year:
        from ..i18n import say

        usage_error(say("usage.outside-year", option=option, date=when, year=plan.year))
    return when


def default_as_of(frame: pd.DataFrame, plan: Plan) -> dt.date:
    """The as-of date when none is given: the latest report date, unless a few rows carry a date
    far beyond the rest (a typo): then the rest's, with a warning naming those rows."""
    from ..actuals.asof import default_as_of as choose

    when, problems = choose(frame, plan)
    print_problems(problems)
    return when


def check_project(plan: Plan, project: int | None) -> None:
    if project is not None and all(p.number != project for p in plan.projects):
        from ..i18n import say

        usage_error(say("usage.no-project", project=project))


def unknown_unit(message: Msg, reg: Registry, name: str) -> Msg:
    """`message` (`name` is no unit of the plan) with what to do: write one of the names closest
    to it, else one of the plan's units, which it lists by kind (a clerk has no other list of
    them, the towns above all)."""
    from ..i18n import Join, say
    from ..plan.model import UnitKind

    near = reg.suggest(name)
    if near:
        return say("cmd.did-you-mean", message=message, near=Join((" 或 ", " or "), near))
    kinds = [(kind, [u.name for u in reg.units.values() if u.kind is kind])
             for kind in (UnitKind.town, UnitKind.department, UnitKind.other)]
    units = Join(("；", "; "), [
        say("cmd.units-of-kind", kind=say(f"cmd.kind-{kind.value}"),
            names=Join(("、", ", "), names)) for kind, names in kinds if names])
    return say("cmd.units-are", message=message, units=units)


def output_format(path: Path | None, suffixes: dict[str, str], force: bool,
                  inputs: list[Path] | tuple[Path, ...] = ()) -> str | None:
    """The format the output path asks for; exit 2 before any work if it cannot be written."""
    if path is None:
        return None
    from ..outputs.write import OutputError
    from ..outputs.write import output_format as fmt

    try:
        return fmt(path, suffixes, force, inputs)
    except OutputError as exc:
        usage_error(exc.args[0] if exc.args else str(exc))  # a catalog message, in the language


def write_output(path: Path | None, data: bytes, force: bool) -> None:
    """`data` to the file (atomically) or, without a path, to stdout; exit 2 if it cannot be."""
    from ..outputs.write import OutputError, to_stdout, write_atomic

    if path is None:
        to_stdout(data)
        return
    try:
        write_atomic(path, data, force)
    except OutputError as exc:
        usage_error(exc.args[0] if exc.args else str(exc))  # a catalog message, in the language
    import sys

    from ..i18n import say
    from ..outputs.safe import terminal

    # on stderr, like every message: stdout stays empty when the output went to a file
    sys.stderr.write(say("output.written", path=terminal(str(path)), size=len(data)).text() + "\n")
