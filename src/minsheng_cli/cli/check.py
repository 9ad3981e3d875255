"""The `check` command: compare what offices report with the plan."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .options import (Exit, Lang, LangOption, PlanOption, ProjectOption, as_of_in_plan,
                      check_project, fail, print_problems, resolve_plan)


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class FailOn(StrEnum):
    overdue = "overdue"
    at_risk = "at_risk"
    never = "never"


@app.command()
def check(
    actuals: Annotated[Path, typer.Argument(help="What offices reported: CSV (UTF-8, UTF-8 with "
                                            "BOM, GBK) or .xlsx.", show_default=False)],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Evaluate at this date "
                                                 "(default: the latest date in the file).",
                                                 metavar="DATE")] = None,
    project: ProjectOption = None,
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
    import sys

    from ..actuals import latest_date, load_actuals
    from ..engine.evaluate import evaluate
    from ..engine.statuses import FAIL_ON
    from ..outputs import check as render
    from ..problems import ProblemsError

    plan = resolve_plan(plan_file)
    when = as_of_in_plan(as_of, plan)
    check_project(plan, project)
    try:
        data = load_actuals(actuals, plan)
    except ProblemsError as exc:
        fail(exc.problems)
    print_problems(data.warnings)
    report = evaluate(plan, data.frame, when or latest_date(data.frame) or plan.start)
    if fmt is CheckFormat.table:
        from ..outputs.charts import add_trends

        add_trends(report, data.frame)
    if project is not None:
        report = report.only_project(project)
    render.RENDERERS[fmt](report, sys.stdout, lang.value)
    failing = FAIL_ON[fail_on.value]
    if report.results["status"].isin([s.value for s in failing]).any():
        raise typer.Exit(Exit.FINDINGS)
