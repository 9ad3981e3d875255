"""Commands about plan files: validate, list."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..problems import Problem
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
    check_project,
    print_problems,
    resolve_plan,
    usage_error,
    write_output,
)
from .options import output_format as output_suffix

if TYPE_CHECKING:
    from ..plan.model import Plan


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def plan_files(paths: list[Path]) -> list[Path]:
    """Expand directories into the *.yaml / *.yml files below them, sorted; keep files as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())
        else:
            found.append(path)
    return found


@app.command()
def validate(
    plans: Annotated[
        list[Path] | None,
        typer.Argument(help="Plan files or directories (default: the embedded 2023 plan).",
                       show_default=False),
    ] = None,
    source_text: Annotated[
        Path | None,
        typer.Option("--source-text", help="Check that every `source` quote appears verbatim "
                     "(ignoring whitespace) in this document.", metavar="FILE"),
    ] = None,
    fmt: Annotated[ValidateFormat, typer.Option("--format", help="text, json or github "
                                                "(workflow annotations).")] = ValidateFormat.text,
    lang: LangOption = Lang.zh,
) -> None:
    """Validate plan files: types, ids, dates, cumulative targets, source quotes.

    Exit 0 valid, 1 invalid, 2 unreadable file or bad usage.
    """
    import sys

    from ..outputs import validation
    from ..plan.load import embedded_plan_path, read_text, validate_file

    document = None
    if source_text is not None:
        document, problems = read_text(source_text)
        if document is None:
            print_problems(problems)
            raise typer.Exit(Exit.BAD_INPUT)
    files = plan_files(plans) if plans else [embedded_plan_path()]
    if not files:
        from ..i18n import say

        usage_error(say("validate.no-files", paths=", ".join(map(str, plans or []))))
    all_problems: list[Problem] = []
    unreadable = False
    for file in files:
        _, problems = validate_file(file, document)
        all_problems += problems
        unreadable |= any(p.code in validation.UNREADABLE for p in problems)
    validation.RENDERERS[fmt](files, all_problems, sys.stdout)
    if unreadable:
        raise typer.Exit(Exit.BAD_INPUT)
    if any(p.severity == "error" for p in all_problems):
        raise typer.Exit(Exit.FINDINGS)


@app.command("list")
def list_(
    project: ProjectOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="table, json or csv.")] = ListFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    plan_file: PlanOption = None,
    shares: SharesOption = None,
    units: Annotated[bool, typer.Option("--units", help="List the plan's units instead: each "
                                        "unit's name, what it is, the other names it goes by, and "
                                        "how many indicators it reports.")] = False,
    lang: LangOption = Lang.zh,
) -> None:
    """Show the plan's checkpoints: project, indicator, due date, cumulative target, unit, lead unit."""
    import sys

    from ..outputs import excel, listing
    from ..outputs.records import LIST_FIELDS, checkpoint_rows

    plan = resolve_plan(plan_file, shares)
    if units:
        _list_units(plan, fmt.value, output, force, lang.value)
        return
    check_project(plan, project)
    to_file = output_suffix(output, excel.SUFFIXES, force,
                            [p for p in (plan_file, shares) if p is not None])
    if to_file is not None:
        from ..i18n import say

        data = excel.records_bytes(LIST_FIELDS, checkpoint_rows(plan, project), to_file,
                                   sheet=say("sheet.list").text(lang.value), lang=lang.value)
        write_output(output, data, force)
        return
    listing.RENDERERS[fmt](plan, checkpoint_rows(plan, project), sys.stdout, lang.value)


def _list_units(plan: Plan, fmt: str, output: Path | None, force: bool, lang: str) -> None:
    import sys

    from ..outputs import excel, registry

    rows = registry.unit_rows(plan, lang)
    to_file = output_suffix(output, excel.SUFFIXES, force, [])
    if output is not None and to_file is not None:
        write_output(output, excel.records_bytes(registry.UNIT_FIELDS, registry.flat(rows), to_file,
                                                 sheet="单位" if lang == "zh" else "Units",
                                                 lang=lang), force)
        return
    registry.RENDERERS[fmt](plan, rows, sys.stdout, lang)
