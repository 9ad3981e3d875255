"""Commands for reviewing plan files: schema, audit, diff."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..problems import Problem, errors
from .app import app
from .options import Exit, Lang, LangOption, fail, usage_error
from .planfiles import ValidateFormat as AuditFormat  # audit reports problems as validate does

if TYPE_CHECKING:
    from ..plan.model import Plan
    from ..plan.yamlnodes import Located

@app.command()
def schema(lang: LangOption = Lang.zh) -> None:
    """Print the JSON Schema of plan files (committed as schema/plan.schema.json, for editors)."""
    from ..plan.schema import schema_text

    typer.echo(schema_text(), nl=False)


class DiffFormat(StrEnum):
    table = "table"
    json = "json"


def _load(path: Path) -> tuple[Plan | None, Located | None, list[Problem]]:
    """The plan and its located YAML, or None and the errors that make it unusable."""
    from ..plan.load import parse_located, read_text

    text, problems = read_text(path)
    if text is None:
        return None, None, problems
    plan, located, problems = parse_located(text, str(path))
    return plan, located, errors(problems)


@app.command()
def audit(
    plan_file: Annotated[Path | None, typer.Argument(
        metavar="PLAN", help="Plan file (default: the embedded 2023 plan).",
        show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Findings are errors: exit 1 when there "
                                         "are any.")] = False,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="CODE", help="Leave out findings with this code (repeatable).")] = None,
    fmt: Annotated[AuditFormat, typer.Option("--format", help="text, json or github (workflow "
                                             "annotations).")] = AuditFormat.text,
    lang: LangOption = Lang.zh,
) -> None:
    """Check that the plan agrees with itself: overview figures, period amounts, named items,
    units, dates.

    Findings are warnings (exit 0) unless --strict (exit 1). Exit 2 when the plan is invalid.
    """
    import sys

    from ..i18n import say
    from ..outputs import validation
    from ..plan.audit import CODES, audit_problems
    from ..plan.load import embedded_plan_path

    unknown = sorted(set(ignore or []) - set(CODES))
    if unknown:
        usage_error(say("review.ignore-unknown", codes=", ".join(unknown),
                        codes_all=", ".join(CODES)))
    path = plan_file or embedded_plan_path()
    plan, located, problems = _load(path)
    if plan is None or located is None:
        fail(problems)
    problems = audit_problems(plan, located, str(path), strict=strict, ignore=ignore or ())
    validation.RENDERERS[fmt]([path], problems, sys.stdout)
    if strict and problems:
        raise typer.Exit(Exit.FINDINGS)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="The earlier plan file.",
                                        show_default=False)],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="The later plan file.",
                                        show_default=False)],
    fmt: Annotated[DiffFormat, typer.Option("--format", help="table or json.")] = DiffFormat.table,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit 1 when there are changes "
                                            "(like git diff --exit-code).")] = False,
    lang: LangOption = Lang.zh,
) -> None:
    """Show what changed between two versions of a plan: indicators and checkpoints added,
    removed, or with a new date or target.

    Exit 0 (with --exit-code: 0 no changes, 1 changes); 2 when a plan is invalid.
    """
    import sys

    from ..outputs import diff as render
    from ..plan.diff import diff_plans

    old_plan, old_located, old_problems = _load(old)
    new_plan, new_located, new_problems = _load(new)
    if old_plan is None or new_plan is None:
        fail(old_problems + new_problems)  # both files' problems at once
    changes = diff_plans(old_plan, new_plan, old_located, new_located)
    render.RENDERERS[fmt](old, new, changes, sys.stdout)
    if exit_code and changes:
        raise typer.Exit(Exit.FINDINGS)
