"""The `check` command: compare what offices report with the plan."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .options import (
    Exit,
    ForceOption,
    Lang,
    LangOption,
    OutputOption,
    PlanOption,
    ProjectOption,
    SharesOption,
    as_of_in_plan,
    check_project,
    default_as_of,
    fail,
    print_problems,
    resolve_plan,
    unknown_unit,
    usage_error,
    write_output,
)
from .options import output_format as output_suffix
from .policy import PolicyFileOption, PresetOption, RedOption, YellowOption, resolve_policy

if TYPE_CHECKING:
    import pandas as pd

    from ..engine.rounds import Round
    from ..plan.model import Plan
    from ..problems import Problem


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class By(StrEnum):
    indicator = "indicator"
    unit = "unit"


class FailOn(StrEnum):
    overdue = "overdue"
    at_risk = "at_risk"
    never = "never"


@app.command()
def check(
    actuals: Annotated[list[Path], typer.Argument(
        help="What the units reported: files and folders (read recursively), CSV (UTF-8, GBK, "
        "UTF-16), .xlsx (every sheet) or .parquet, in any mix.", show_default=False)],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Evaluate at this date "
                                                 "(default: the latest date in the file).",
                                                 metavar="DATE")] = None,
    project: ProjectOption = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", help="table, json, csv or markdown.")]
    = CheckFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when an indicator is "
                                            "overdue or unreported (overdue), also when at risk "
                                            "(at_risk), or never.")] = FailOn.overdue,
    by: Annotated[By, typer.Option("--by", help="indicator: the district's verdict per "
                                   "indicator; unit: each unit's verdict on what it reports, "
                                   "against its own share, and the ranking of the towns.")]
    = By.indicator,
    reporter: Annotated[str | None, typer.Option("--reporter", "-r", metavar="UNIT",
                                                 help="Only what this unit answers for, "
                                                 "against its own shares (any of its names: "
                                                 "新塘镇人民政府 is 新塘镇).")] = None,
    policy_file: PolicyFileOption = None,
    preset: PresetOption = None,
    yellow: YellowOption = None,
    red: RedOption = None,
    plan_file: PlanOption = None,
    shares: SharesOption = None,
    lang: LangOption = Lang.zh,
) -> None:
    """Compare reported progress with the plan: done, on track, at risk, overdue, not reported.

    Exit 0 when nothing is overdue or unreported, 1 when something is (see --fail-on), 2 for bad
    input or usage.
    """
    import sys
    from dataclasses import replace

    from ..actuals.inbox import load_inputs
    from ..engine.evaluate import evaluate
    from ..engine.lights import add_lights
    from ..engine.rounds import evaluate_round
    from ..engine.statuses import FAIL_ON
    from ..outputs import check as render
    from ..problems import ProblemsError

    plan = resolve_plan(plan_file, shares)
    when = as_of_in_plan(as_of, plan)
    check_project(plan, project)
    unit = _known_reporter(plan, reporter) if reporter is not None else None  # before reading
    to_file = _output(output, force, [*actuals, *(p for p in (plan_file, shares) if p)], by,
                      reporter)
    try:
        data = load_inputs(actuals, plan)
    except ProblemsError as exc:
        fail(exc.problems)
    # a unit's own check: not the warnings about other units' files (counted at the end)
    elsewhere = _elsewhere(data.frame, unit) if unit is not None else set()
    hidden = _print_own(data.warnings, elsewhere)
    when = when or default_as_of(data.frame, plan)
    report = evaluate(plan, data.frame, when)
    add_lights(report, resolve_policy(policy_file, preset, yellow, red))
    hidden += _print_own([p if p.file else replace(p, file=data.file) for p in report.warnings
                          if project is None or _in_project(p, plan, project)], elsewhere)
    unit_round = evaluate_round(plan, data.frame, when, data.file)
    several = len(actuals) > 1 or any(path.is_dir() for path in actuals)
    if unit_round is not None and reporter is None and several:  # a round, not one unit's file
        print_problems(unit_round.warnings)
    elif unit_round is not None and unit is not None and several:  # a unit in a round
        from ..engine.rounds import round_warnings

        missing = unit_round.missing
        print_problems(round_warnings(missing[missing["unit"] == unit], when, data.file))
    if hidden:
        from ..i18n import say
        from ..problems import Problem

        print_problems([Problem("warnings-elsewhere", say("cmd.others-warnings", n=hidden),
                                severity="warning")])
    failing = FAIL_ON[fail_on.value]
    if by is By.unit or reporter is not None:
        statuses = _by_unit(plan, unit_round, project, unit, fmt, lang,
                            None if to_file is None or output is None else (output, to_file,
                                                                            force))
        if statuses.isin([s.value for s in failing]).any():
            raise typer.Exit(Exit.FINDINGS)
        return
    if fmt is CheckFormat.table:
        from ..outputs.charts import add_trends

        add_trends(report, data.frame)
    if project is not None:
        report = report.only_project(project)
    if to_file is not None:
        from ..i18n import say
        from ..outputs.excel import records_bytes
        from ..outputs.records import CHECK_CSV_FIELDS, check_records

        write_output(output, records_bytes(CHECK_CSV_FIELDS, check_records(report, lang.value),
                                           to_file, say("sheet.check").text(lang.value),
                                           lang.value), force)
    else:
        render.RENDERERS[fmt](report, sys.stdout, lang.value)
    if fmt is CheckFormat.table and unit_round is not None and to_file is None:
        from ..outputs.units import missing_table

        missing_table(unit_round.missing, sys.stdout, lang.value)
    if report.results["status"].isin([s.value for s in failing]).any():
        raise typer.Exit(Exit.FINDINGS)


def _output(path: Path | None, force: bool, inputs: list[Path], by: By,
            reporter: str | None) -> str | None:
    """`-o`'s format (csv or xlsx), refused before any work if it cannot be written: the
    indicators' verdicts, or with --by unit or --reporter the units' (as --format csv)."""
    from ..outputs.excel import SUFFIXES

    return output_suffix(path, SUFFIXES, force, inputs)


def _elsewhere(frame: pd.DataFrame, unit: str) -> set[str]:
    """The files whose every report is another named unit's: what `--reporter` leaves out. A
    file with no rows left (skipped, or all resent), or with unnamed rows, is not among them."""
    if "file" not in frame or frame.empty:
        return set()
    rows = frame[["file", "reporter"]].astype(str)
    mine = rows["reporter"].isin([unit, ""]) | frame["reporter"].isna().to_numpy()
    return set(rows.loc[~mine, "file"]) - set(rows.loc[mine, "file"])


def _print_own(warnings: list[Problem], elsewhere: set[str]) -> int:
    """Print the warnings not located in `elsewhere`'s files; how many were left out. A
    total-mismatch is about an indicator's units together: always printed."""
    shown = [p for p in warnings if p.code == "total-mismatch" or str(p.file) not in elsewhere]
    print_problems(shown)
    return len(warnings) - len(shown)


def _in_project(problem: Problem, plan: Plan, project: int) -> bool:
    """Whether a verdict's warning (a total-mismatch: its message names the indicator) is about
    one of `project`'s indicators: `--project` restricts everything to it."""
    about = getattr(problem.message, "params", {}).get("id")
    return about is None or any(proj.number == project and ind.id == about
                                for proj, ind in plan.indicators())


def _known_reporter(plan: Plan, reporter: str) -> str:
    """The unit `--reporter` names, by its canonical name (新塘镇人民政府 is 新塘镇); exit 2 at
    once if it names no unit of the plan's registry (or the plan has none)."""
    from ..i18n import say
    from ..plan.units import registry

    reg = registry(plan)
    if not reg:
        usage_error(say("cmd.no-registry"))
    unit = reg.resolve(reporter)
    if unit is None:
        usage_error(unknown_unit(say("cmd.reporter-unknown", reporter=repr(reporter)), reg,
                                 reporter))
    return unit


def _by_unit(plan: Plan, unit_round: Round | None, project: int | None, unit: str | None,
             fmt: CheckFormat, lang: Lang, to_file: tuple[Path, str, bool] | None = None
             ) -> pd.Series:
    """Render the per-unit verdicts (and the towns' ranking), or write them to `to_file` (path,
    format, force); their statuses, for the exit code."""
    import sys

    from ..i18n import say
    from ..outputs import units as render

    if unit_round is None:
        usage_error(say("cmd.no-registry"))
    verdicts, ranking = unit_round.verdicts, unit_round.ranking
    if project is not None:
        verdicts = verdicts[verdicts["project"] == project]
    if unit is not None:  # the canonical name: _known_reporter resolved it
        verdicts = verdicts[verdicts["unit"] == unit]
        if verdicts.empty:
            usage_error(say("cmd.reports-nothing", unit=unit) if project is None
                        else say("cmd.reports-nothing-in", unit=unit, project=project))
        ranking = ranking[ranking["unit"] == unit]
    if to_file is not None:
        from ..outputs.excel import UNIT_HEADS, records_bytes

        path, kind, force = to_file
        records = render.unit_records(plan, verdicts.reset_index(drop=True), lang.value)
        write_output(path, records_bytes(list(records[0]) if records else render.UNIT_FIELDS,
                                         records, kind, say("sheet.units").text(lang.value),
                                         lang.value, UNIT_HEADS), force)
    else:
        render.RENDERERS[fmt.value](plan, verdicts.reset_index(drop=True), ranking, sys.stdout,
                                    lang.value)
    return verdicts["status"]
