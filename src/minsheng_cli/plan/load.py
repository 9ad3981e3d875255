"""Plan files: bytes → YAML → Plan, with every problem located at file:line:col."""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..problems import Problem, ProblemsError, errors
from ..text import shown
from . import yamlnodes
from .checks import check_plan
from .model import Plan

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
    problems += _ambiguous_numbers(plan, located, file)
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
_NUMBER_ERRORS = {"float_type", "float_parsing", "int_type", "int_parsing", "finite_number"}


def _hint(err: Any) -> str:
    """What to do about a value of the wrong type, where that can be said."""
    given = err.get("input")
    if err["type"] in _NUMBER_ERRORS and isinstance(given, str):
        return "; write the number in digits, unquoted (e.g. 200 or 404.65)"
    if err["type"] in _NUMBER_ERRORS and isinstance(given, bool):
        return "; true and false are not numbers: for an event, write 1 for done and 0 for not"
    if err["type"] == "string_type" and isinstance(given, bool | int | float):
        return "; put the text in quotes if it is text (YAML reads it as a " \
               f"{'boolean' if isinstance(given, bool) else 'number'})"
    return ""


def _path_text(loc: tuple[str | int, ...]) -> str:
    """`projects.0.indicators.1.target`, each key cut to a readable length."""
    return ".".join(str(p) if len(str(p)) <= 40 else str(p)[:37] + "..." for p in loc)


def _value_at(data: Any, path: yamlnodes.Path) -> Any:
    """The value at `path` in the model or the YAML data (None where there is none)."""
    value: Any = data
    for part in path:
        if isinstance(value, BaseModel):
            value = getattr(value, str(part), None)
        elif isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value


def _ambiguous_numbers(plan: Plan, located: yamlnodes.Located, file: str) -> list[Problem]:
    """A scalar YAML readers disagree about (`1:30`, `017`) that the model took as a number."""
    found = []
    for path, why in located.ambiguous.items():
        if isinstance(_value_at(plan, path), int | float):  # text stays text; numbers are refused
            given = _value_at(located.data, path)
            found.append(Problem("invalid-value", f"{_path_text(path)}: {shown(given)} is not "
                                 f"read the same way by every YAML reader; {why}", file,
                                 *(located.locate(path) or (None, None))))
    return found


def _located(err: Any, located: yamlnodes.Located, file: str) -> Problem:
    loc = tuple(part for part in err["loc"] if isinstance(part, int | str))
    code = _CODES.get(err["type"], "invalid-value")
    pos = located.locate(loc, key=code == "unknown-field")
    field = _path_text(loc) or "(document)"
    if code == "unknown-field":
        message = (f"{shown(loc[-1])} is not a field of the plan format (at {field}); check its "
                   "spelling")
    elif code == "missing-field":
        where = _path_text(loc[:-1]) or "the document"
        message = f"`{loc[-1]}` is required but missing (in {where})"
    else:
        given = err.get("input")
        got = f" (got {shown(given) if isinstance(given, str) else repr(given)[:40]})" \
            if not isinstance(given, dict | list) else ""
        why = located.ambiguous.get(loc)
        if why is not None:  # `1:30`, `yes`: say how YAML readers differ about it
            message = f"{field}: {shown(given)} is not read the same way by every YAML reader; {why}"
        else:
            message = f"{field}: {err['msg']}{got}{_hint(err)}"
    return Problem(code, message, file, *(pos or (None, None)))
