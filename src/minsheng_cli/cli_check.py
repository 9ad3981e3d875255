"""The `check` command: compare what offices report with the plan."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .cli import app
from .cli_plan import Lang, LangOption, PlanOption
from .clitools import Exit, fail, print_problems, resolve_plan, usage_error


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class FailOn(StrEnum):
    overdue = "overdue"
    at_risk = "at_risk"
    never = "never"


def parse_as_of(text: str) -> dt.date:
    """`--as-of` in any date form a report file may use (`2023-06-30`, `2023/6/30`,
    `2023年6月30日`, or a month such as `2023-06`, meaning its last day)."""
    from .cells import parse_date  # the reader's own parser: one set of date forms everywhere

    when = parse_date(text.strip())
    if isinstance(when, str):
        raise typer.BadParameter(f"{text!r} is not a date; {when}")
    return when


@app.command()
def check(
    actuals: Annotated[Path, typer.Argument(help="What offices reported: CSV (UTF-8, UTF-8 with "
                                            "BOM, GBK) or .xlsx.", show_default=False)],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Evaluate at this date "
                                                 "(default: the latest date in the file).",
                                                 metavar="DATE")] = None,
    project: Annotated[int | None, typer.Option("--project", "-p", min=1, max=10,
                                                   help="Only this project (1–10).")] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", help="table, json, csv or markdown.")]
    = CheckFormat.table,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when an indicator is "
                                            "overdue or unreported (overdue), also when at risk "
                                            "(at_risk), or never.")] = FailOn.overdue,
    plan_file: PlanOption = None,
    lang: LangOption = Lang.zh,
) -> None:
    """Compare reported progress with the plan: done, on track, at risk, overdue, not reported.

    Exit 0 when nothing is overdue or unreported, 1 when something is (see --fail-on), 2 for bad
    input or usage.
    """
    from .actuals import load_actuals
    from .problems import ProblemsError
    from .render import check as render
    from .status import FAIL_ON, evaluate

    when = parse_as_of(as_of) if as_of is not None else None
    plan = resolve_plan(plan_file)
    if when is not None and when.year != plan.year:
        usage_error(f"--as-of {when} is outside the plan year {plan.year}")
    if project is not None and all(p.number != project for p in plan.projects):
        usage_error(f"the plan has no project {project}")
    try:
        data = load_actuals(actuals, plan)
    except ProblemsError as exc:
        fail(exc.problems)
    print_problems(data.warnings)
    if when is None:
        when = data.frame["as_of"].max().date()
    report = evaluate(plan, data.frame, when)
    if fmt is CheckFormat.table:
        from .render.charts import add_trends

        add_trends(report, data.frame)
    if project is not None:
        report.results = report.results[report.results["project"] == project].reset_index(drop=True)
    render.RENDERERS[fmt](report, lang.value)
    failing = FAIL_ON[fail_on.value]
    if report.results["status"].isin([s.value for s in failing]).any():
        raise typer.Exit(Exit.FINDINGS)
