"""The `template` command: the form an office fills in each month."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .options import (
    ForceOption,
    Lang,
    LangOption,
    PlanOption,
    ProjectOption,
    SharesOption,
    as_of_in_plan,
    check_project,
    output_format,
    resolve_plan,
    unknown_unit,
    usage_error,
    write_output,
)

if TYPE_CHECKING:
    from ..plan.model import Plan


@app.command()
def template(
    reporter: Annotated[str | None, typer.Option("--reporter", "-r", metavar="UNIT",
                                                 help="Only the indicators this office leads "
                                                 "or shares; pre-fills 填报单位. A town or "
                                                 "street (新塘镇, 荔城街道) also gets those of "
                                                 "各镇街.")] = None,
    project: ProjectOption = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE",
                                              help="Date for the next-checkpoint columns "
                                              "(default: today, within the plan year).")]
    = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="Write FILE.csv (UTF-8 with BOM) or "
                                                "FILE.xlsx; default: CSV to stdout.")] = None,
    force: ForceOption = False,
    plan_file: PlanOption = None,
    shares: SharesOption = None,
    lang: LangOption = Lang.zh,
) -> None:
    """Write the form an office fills in each month: one row per indicator, which `check` reads
    back as it is.

    The columns 指标编号, 截至日期, 累计完成, 填报单位 and 备注 are for the office; the others
    (project, name, unit, next checkpoint, lead unit) are context. Headers stay Chinese with
    --lang en; names and instructions follow it.
    """
    from ..outputs.template import UnknownReporter, build_form, default_as_of, form_bytes

    plan = resolve_plan(plan_file, shares)
    given = as_of_in_plan(as_of, plan)
    when = given or default_as_of(plan)
    check_project(plan, project)
    if reporter is not None:
        _known_unit(plan, reporter)
    fmt = output_format(output, {".csv": "csv", ".xlsx": "xlsx"}, force,
                        [p for p in (plan_file, shares) if p is not None])
    try:
        form = build_form(plan, as_of=when, reporter=reporter, project=project, lang=lang.value,
                          fill_as_of=given is not None)
    except UnknownReporter as exc:
        usage_error(exc.args[0] if exc.args else str(exc))  # a catalog message, in the language
    data = form_bytes(form, "xlsx" if fmt == "xlsx" else "csv", lang.value)
    write_output(output, data, force)


def _known_unit(plan: Plan, reporter: str) -> None:
    """Exit 2 when the plan's registry of units has no unit `reporter`, saying what to write."""
    from ..i18n import say
    from ..plan.units import registry

    reg = registry(plan)
    if reg and reg.resolve(reporter) is None:
        usage_error(unknown_unit(say("cmd.reporter-unknown", reporter=repr(reporter)), reg,
                                 reporter))
