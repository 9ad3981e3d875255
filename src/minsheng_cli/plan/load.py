"""Plan files: bytes → YAML → Plan, with every problem located at file:line:col."""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import yamlnodes
from .model import Plan
from .checks import check_plan
from ..problems import Problem, ProblemsError, errors

EMBEDDED_NAME = "2023.yaml"


def embedded_plan_path() -> Path:
    """The 2023 plan shipped inside the package (plans/2023.yaml of the repository)."""
    return Path(str(importlib.resources.files("minsheng_cli") / "plans" / EMBEDDED_NAME))


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """Read a plan file as UTF-8 text (a BOM is allowed), or say why it cannot be read."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem("file-not-found", "no such file; check the path", name)]
    except IsADirectoryError:
        return None, [Problem("file-unreadable", "this is a directory, not a plan file", name)]
    except OSError as exc:
        return None, [Problem("file-unreadable", f"cannot read the file: {exc.strerror}", name)]
    if not raw.strip():
        return None, [Problem("empty-file", "the file is empty; a plan is a YAML mapping with year, "
                              "issuer, title, issued and projects", name)]
    if b"\x00" in raw:
        return None, [Problem("not-text", "the file contains NUL bytes: it is binary data, not a "
                              "YAML plan", name)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem("not-text", "the file is not UTF-8; save it as UTF-8 (in most editors: "
                              "Save As → Encoding → UTF-8)", name, line, col)]


def parse_plan(text: str, file: str, source_text: str | None = None) -> tuple[Plan | None, list[Problem]]:
    """Validate plan text; return the Plan (None if it has errors) and every problem found."""
    plan, _, problems = parse_located(text, file, source_text)
    return plan, problems


def parse_located(text: str, file: str, source_text: str | None = None
                  ) -> tuple[Plan | None, yamlnodes.Located | None, list[Problem]]:
    """Like parse_plan, and also the located YAML data (None when the YAML cannot be used)."""
    located, problems = yamlnodes.load(text, file)
    if located is None:
        return None, None, problems
    try:
        plan = Plan.model_validate(located.data)
    except ValidationError as exc:
        return None, located, problems + [_located(err, located, file) for err in exc.errors()]
    problems += check_plan(plan, located, file, source_text)
    return (None if errors(problems) else plan), located, problems


def validate_file(path: Path, source_text: str | None = None) -> tuple[Plan | None, list[Problem]]:
    text, problems = read_text(path)
    if text is None:
        return None, problems
    return parse_plan(text, str(path), source_text)


def load_plan(path: Path | str | None = None) -> Plan:
    """Load and validate a plan (default: the embedded 2023 plan); raise ProblemsError if invalid."""
    plan, problems = validate_file(Path(path) if path is not None else embedded_plan_path())
    if plan is None:
        raise ProblemsError(errors(problems))
    return plan


_CODES = {"missing": "missing-field", "extra_forbidden": "unknown-field"}


def _located(err: Any, located: yamlnodes.Located, file: str) -> Problem:
    loc = tuple(part for part in err["loc"] if isinstance(part, int | str))
    code = _CODES.get(err["type"], "invalid-value")
    pos = located.locate(loc, key=code == "unknown-field")
    field = ".".join(str(p) for p in loc) or "(document)"
    if code == "unknown-field":
        message = f"`{loc[-1]}` is not a field of the plan format (at {field}); check its spelling"
    elif code == "missing-field":
        where = ".".join(map(str, loc[:-1])) or "the document"
        message = f"`{loc[-1]}` is required but missing (in {where})"
    else:
        given = err.get("input")
        shown = f" (got {given!r:.60})" if not isinstance(given, dict | list) else ""
        message = f"{field}: {err['msg']}{shown}"
    return Problem(code, message, file, *(pos or (None, None)))
