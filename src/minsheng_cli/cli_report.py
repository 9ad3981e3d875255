"""Commands that produce documents for offices and leaders: template (the monthly form) and
report (the bulletin)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .cli import app
from .cli_check import parse_as_of
from .cli_plan import Lang, LangOption, PlanOption
from .clitools import fail, print_problems, resolve_plan, usage_error

if TYPE_CHECKING:
    import pandas as pd

    from .model import Plan

ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite the output file if it "
                                           "exists.")]


def check_output(path: Path | None, suffixes: dict[str, str], force: bool) -> str | None:
    """The format the output path asks for; exit 2 before any work if it cannot be written."""
    if path is None:
        return None
    fmt = suffixes.get(path.suffix.lower())
    if fmt is None:
        usage_error(f"-o {path}: the file name must end in {', '.join(sorted(suffixes))}")
    if path.exists() and not path.is_file():
        usage_error(f"-o {path} is not a regular file")
    if path.exists() and not force:
        usage_error(f"{path} exists; use --force to overwrite it")
    if not path.parent.is_dir():
        usage_error(f"-o {path}: the directory {path.parent} does not exist")
    return fmt


def write_output(path: Path, data: bytes, force: bool) -> None:
    """Write all of `data` or nothing. Without `force` an existing file is never touched; with it,
    the new file replaces the old one only once it is completely written."""
    target = path.with_name(f".{path.name}.{os.getpid()}.tmp") if force else path
    created = False
    try:
        with open(target, "xb") as out:
            created = True
            out.write(data)
        if force:
            os.replace(target, path)
    except FileExistsError:
        usage_error(f"{path} exists; use --force to overwrite it")
    except OSError as exc:
        if created:
            target.unlink(missing_ok=True)
        usage_error(f"cannot write {path}: {exc.strerror or exc}")


def to_stdout(data: bytes) -> None:
    """Bytes as they are, whatever the console's encoding (UTF-8, with the CSV's BOM)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _as_of(text: str | None, plan: Plan, option: str = "--as-of") -> dt.date | None:
    when = parse_as_of(text) if text is not None else None
    if when is not None and when.year != plan.year:
        usage_error(f"{option} {when} is outside the plan year {plan.year}")
    return when


def _check_project(plan: Plan, project: int | None) -> None:
    if project is not None and all(p.number != project for p in plan.projects):
        usage_error(f"the plan has no project {project}")


@app.command()
def template(
    reporter: Annotated[str | None, typer.Option("--reporter", "-r", metavar="UNIT",
                                                 help="Only the indicators this office leads "
                                                 "or shares; pre-fills 填报单位. A town or "
                                                 "street (新塘镇, 荔城街道) also gets those of "
                                                 "各镇街.")] = None,
    project: Annotated[int | None, typer.Option("--project", "-p", min=1, max=10,
                                                help="Only this project (1–10).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE",
                                              help="Date for the next-checkpoint columns "
                                              "(default: today, within the plan year).")]
    = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="Write FILE.csv (UTF-8 with BOM) or "
                                                "FILE.xlsx; default: CSV to stdout.")] = None,
    force: ForceOption = False,
    plan_file: PlanOption = None,
    lang: LangOption = Lang.zh,
) -> None:
    """Write the form an office fills in each month: one row per indicator, which `check` reads
    back as it is.

    The columns 指标编号, 截至日期, 累计完成, 填报单位 and 备注 are for the office; the others
    (project, name, unit, next checkpoint, lead unit) are context. Headers stay Chinese with
    --lang en; names and instructions follow it.
    """
    from .template import UnknownReporter, build_form, default_as_of, form_bytes

    plan = resolve_plan(plan_file)
    when = _as_of(as_of, plan) or default_as_of(plan)
    _check_project(plan, project)
    fmt = check_output(output, {".csv": "csv", ".xlsx": "xlsx"}, force)
    try:
        form = build_form(plan, as_of=when, reporter=reporter, project=project, lang=lang.value)
    except UnknownReporter as exc:
        usage_error(str(exc))
    data = form_bytes(form, "xlsx" if fmt == "xlsx" else "csv", lang.value)
    if output is None:
        to_stdout(data)
    else:
        write_output(output, data, force)


def _load(path: Path, plan: Plan) -> pd.DataFrame:
    from .actuals import load_actuals
    from .problems import ProblemsError

    try:
        data = load_actuals(path, plan)
    except ProblemsError as exc:
        fail(exc.problems)
    print_problems(data.warnings)
    return data.frame


@app.command()
def report(
    actuals: Annotated[Path, typer.Argument(help="What offices reported: CSV or .xlsx, as for "
                                            "`check`.", show_default=False)],
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE",
                                              help="Date of the bulletin (default: the "
                                              "latest date in ACTUALS).")] = None,
    previous: Annotated[Path | None, typer.Option("--previous", metavar="OLD_ACTUALS",
                                                  help="The file the last bulletin was made "
                                                  "from: adds what changed since.")] = None,
    previous_as_of: Annotated[str | None, typer.Option("--previous-as-of", metavar="DATE",
                                                       help="Date of the last bulletin "
                                                       "(default: the latest date in "
                                                       "OLD_ACTUALS).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="bulletin.html (one self-contained file "
                                                "with charts) or bulletin.md; default: "
                                                "Markdown to stdout.")] = None,
    force: ForceOption = False,
    plan_file: PlanOption = None,
    lang: LangOption = Lang.zh,
) -> None:
    """Write the monthly progress bulletin (民生实事进展通报): counts overall and per project,
    the overdue and unreported items with their lead units and leaders, a burn-up chart per
    indicator, and with --previous what changed since the last bulletin."""
    plan = resolve_plan(plan_file)
    when = _as_of(as_of, plan)
    before_when = _as_of(previous_as_of, plan, "--previous-as-of")
    if before_when is not None and previous is None:
        usage_error("--previous-as-of needs --previous")
    fmt = check_output(output, {".html": "html", ".htm": "html", ".md": "markdown",
                                ".markdown": "markdown"}, force)
    frame = _load(actuals, plan)
    before = _load(previous, plan) if previous is not None else None
    text = render_report(plan, frame, when, before, fmt or "markdown", lang.value, before_when)
    if output is None:
        to_stdout(text.encode("utf-8"))
    else:
        write_output(output, text.encode("utf-8"), force)


def render_report(plan: Plan, frame: pd.DataFrame, as_of: dt.date | None,
                  previous: pd.DataFrame | None, fmt: str, lang: str,
                  previous_as_of: dt.date | None = None) -> str:
    """The bulletin as HTML or Markdown text; the dates default to the latest report dates."""
    from .bulletin import build_bulletin, latest_date

    when = as_of or latest_date(frame) or plan.start
    old = None
    if previous is not None:
        old = (previous, previous_as_of or latest_date(previous) or plan.start)
    bulletin = build_bulletin(plan, frame, when, lang, previous=old)
    if fmt == "html":
        from .render.html import render_html

        return render_html(bulletin)
    from .render.bulletin_md import render_markdown

    return render_markdown(bulletin)
