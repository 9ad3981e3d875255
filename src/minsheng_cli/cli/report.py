"""The `report` command: the monthly bulletin (通报)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .options import (
    ForceOption,
    Lang,
    LangOption,
    PlanOption,
    SharesOption,
    as_of_in_plan,
    default_as_of,
    fail,
    output_format,
    parse_as_of,
    print_problems,
    resolve_plan,
    usage_error,
    write_output,
)
from .policy import PolicyFileOption, PresetOption, RedOption, YellowOption, resolve_policy

if TYPE_CHECKING:
    import pandas as pd

    from ..plan.model import Plan
    from ..problems import Problem

def _load(paths: list[Path], plan: Plan, earlier: list[Problem]
          ) -> tuple[pd.DataFrame, list[Problem], str]:
    """The reports, their warnings and where the round's own warnings are said (the folder);
    exit 2 on bad input, printing `earlier` (the warnings of the inputs read before, not
    printed yet) with the problems, so the count covers them all."""
    from ..actuals.inbox import load_inputs
    from ..problems import ProblemsError

    try:
        data = load_inputs(paths, plan)
    except ProblemsError as exc:
        fail(earlier + exc.problems)
    return data.frame, data.warnings, data.file


def _across(frame: pd.DataFrame, before: pd.DataFrame, plan: Plan, said: list[Problem]
            ) -> list[Problem]:
    """The cumulative decreases between this round's files and the last bulletin's (those
    within either were said when it was read)."""
    from ..actuals.inbox import decreases_across
    from ..engine.lights import with_earlier

    return [p for p in decreases_across(with_earlier(frame, before), plan, (frame, before))
            if p not in said]


def _docx_in_english(ctx: typer.Context) -> str:
    """Why a 通报.docx is refused in English, and what to do: drop the `--lang en` given, or
    (when only MINSHENG_LANG asks for English) say zh instead."""
    from ..i18n import say

    given = [c.get_parameter_source("lang") for c in (ctx, ctx.find_root())]
    if any(source is not None and source.name == "COMMANDLINE" for source in given):
        return say("report.docx-in-chinese")
    return say("report.docx-env-en")


@app.command()
def report(
    ctx: typer.Context,
    actuals: Annotated[list[Path], typer.Argument(
        help="What the units reported: files and folders, as for `check`.",
        show_default=False)],
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE",
                                              help="Date of the bulletin (default: the "
                                              "latest date in INPUT).")] = None,
    previous: Annotated[list[Path] | None, typer.Option(
        "--previous", metavar="OLD_INPUT", help="The files or folder the last bulletin was "
        "made from (repeatable): adds what changed since.")] = None,
    previous_as_of: Annotated[str | None, typer.Option("--previous-as-of", metavar="DATE",
                                                       help="Date of the last bulletin "
                                                       "(default: the latest date in "
                                                       "OLD_INPUT).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="bulletin.html (one self-contained file "
                                                "with charts), bulletin.md, 通报.docx (the "
                                                "official document, GB/T 9704) or "
                                                "summary.xlsx (the tables); default: "
                                                "Markdown to stdout.")] = None,
    issued: Annotated[str | None, typer.Option("--date", metavar="DATE", help="The 通报's "
                                               "成文日期, the day it is issued (default: the "
                                               "as-of date).")] = None,
    policy_file: PolicyFileOption = None,
    preset: PresetOption = None,
    yellow: YellowOption = None,
    red: RedOption = None,
    force: ForceOption = False,
    plan_file: PlanOption = None,
    shares: SharesOption = None,
    lang: LangOption = Lang.zh,
) -> None:
    """Write the monthly progress bulletin (民生实事进展通报): counts overall and per project,
    the overdue and unreported items with their lead units and leaders, a burn-up chart per
    indicator, and with --previous what changed since the last bulletin."""
    import contextlib

    from ..outputs.bulletin import build_bulletin
    from ..outputs.drawing import helper_processes
    from ..outputs.report import render_bulletin

    plan = resolve_plan(plan_file, shares)
    when = as_of_in_plan(as_of, plan)
    before_when = as_of_in_plan(previous_as_of, plan, "--previous-as-of")
    if before_when is not None and not previous:
        from ..i18n import say

        usage_error(say("report.previous-as-of-alone"))
    inputs = [*actuals, *(previous or []), *([plan_file] if plan_file else []),
              *([shares] if shares else []), *([policy_file] if policy_file else [])]
    fmt = output_format(output, {".html": "html", ".htm": "html", ".md": "markdown",
                                 ".markdown": "markdown", ".docx": "docx", ".xlsx": "xlsx"},
                        force, inputs)
    if fmt == "docx" and lang is Lang.en:
        usage_error(_docx_in_english(ctx))
    policy = resolve_policy(policy_file, preset, yellow, red)
    signed = parse_as_of(issued, "--date") if issued is not None else None
    # the HTML's charts: helper processes load matplotlib while the reports are read
    with helper_processes() if fmt == "html" else contextlib.nullcontext():
        frame, warnings, where = _load(actuals, plan, [])
        before, old_warnings, _ = _load(previous, plan, warnings) if previous else (None, [], "")
        if before is not None:  # a figure below the last bulletin's (a mistyped date?)
            old_warnings += _across(frame, before, plan, warnings + old_warnings)
        print_problems(warnings + old_warnings)
        when = when or default_as_of(frame, plan)  # as check takes it: a typo's date aside
        if before is not None:
            before_when = before_when or default_as_of(before, plan)
        bulletin = build_bulletin(plan, frame, when, lang.value, before, before_when, policy)
        if signed is not None:
            bulletin = replace(bulletin, issued=signed)
        print_problems([p if p.file else replace(p, file=where) for p in bulletin.warnings])
        content = render_bulletin(bulletin, fmt or "markdown")
    write_output(output, content, force)
