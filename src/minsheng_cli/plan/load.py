"""Plan files: bytes → YAML → Plan, with every problem located at file:line:col."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..i18n import Join, say
from ..problems import Problem, ProblemsError, errors
from ..text import shown
from . import yamlnodes
from .checks import check_plan
from .model import INDICATOR_ID, Plan

EMBEDDED_NAME = "2023.yaml"


def embedded_plan_path() -> Path:
    """The 2023 plan shipped inside the package (plans/2023.yaml of the repository). Messages
    name it by this path: below the current directory (a checkout), relative to it, as the
    file to edit (`plans/2023.yaml:262:18`, not the package's link to it); elsewhere, or run
    from the root directory, where it is installed."""
    path = Path(str(importlib.resources.files("minsheng_cli") / "plans" / EMBEDDED_NAME))
    try:
        here = Path.cwd()
        return path if here == here.parent else path.resolve().relative_to(here)
    except (ValueError, OSError):  # elsewhere; or the current directory is gone
        return path


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """Read a plan file as UTF-8 text (a BOM is allowed), or say why it cannot be read."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem("file-not-found", say("file.not-found"), name)]
    except IsADirectoryError:
        return None, [Problem("file-unreadable", say("plan.file.directory"), name)]
    except PermissionError:
        return None, [Problem("file-unreadable", say("file.os-error",
                                                     error=say("plan.file.no-permission")), name)]
    except OSError as exc:
        return None, [Problem("file-unreadable", say("file.os-error", error=exc.strerror), name)]
    if not raw.strip():
        return None, [Problem("empty-file", say("plan.file.empty"), name)]
    if b"\x00" in raw:
        return None, [Problem("not-text", say("plan.file.binary"), name)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem("not-text", say("plan.file.not-utf8"), name, line, col)]


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
        return None, located, problems + located_errors(exc, located, file)
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
            found.append(Problem("invalid-value", say("plan.ambiguous", field=_path_text(path),
                                                      given=shown(given), why=why), file,
                                 *(located.locate(path) or (None, None))))
    return found


_CODES = {"missing": "missing-field", "extra_forbidden": "unknown-field"}


def located_errors(exc: ValidationError, located: yamlnodes.Located, file: str) -> list[Problem]:
    """pydantic's errors as located problems in our words; the alternatives of a union that all
    refuse a value (`shares: all`, neither `towns` nor a list) as one problem."""
    found: list[Problem | yamlnodes.Path] = []
    unions: dict[yamlnodes.Path, list[tuple[yamlnodes.Path, Any]]] = {}
    for err in exc.errors():
        loc, site = _data_path(err["loc"], located.data)
        if site is None:
            found.append(_located(err, loc, located, file))
            continue
        if site not in unions:
            found.append(site)
        unions.setdefault(site, []).append((loc, err))
    problems: list[Problem] = []
    for entry in found:
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        inside = [(loc, err) for loc, err in unions[entry] if len(loc) > len(entry)]
        if inside:  # the value has the shape of one alternative: say what is wrong within it
            problems += [_located(err, loc, located, file) for loc, err in inside]
        else:
            problems.append(_union(entry, [err for _, err in unions[entry]], located, file))
    return problems


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[yamlnodes.Path, yamlnodes.Path | None]:
    """pydantic's location as a path in the data, without the names it gives a union's
    alternatives (`literal['towns']`), and the path of that union where there is one."""
    path: list[str | int] = []
    site: yamlnodes.Path | None = None
    value = data
    for part in loc:
        if not isinstance(part, int | str):
            continue
        if isinstance(part, str) and not isinstance(value, dict):  # an alternative's name
            site = tuple(path) if site is None else site
            continue
        path.append(part)
        value = _value_at(value, (part,))
    return tuple(path), site


def _given(value: Any) -> str:
    """A value as a message quotes it: text in quotes, YAML's own words for the rest."""
    if value is None:
        return say("plan.given.empty")
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return say("plan.given.mapping")
    if isinstance(value, list):
        return say("plan.given.list")
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)[:40]


# What a field of each kind wants, said when its value is empty.
_FORMS = {**dict.fromkeys(("float_type", "float_parsing", "finite_number"), "plan.form.number"),
          **dict.fromkeys(("int_type", "int_parsing", "int_from_float"), "plan.form.integer"),
          "string_type": "plan.form.text", "list_type": "plan.form.list",
          **dict.fromkeys(("dict_type", "model_type", "model_attributes_type"), "plan.form.mapping"),
          **dict.fromkeys(("bool_type", "bool_parsing"), "plan.form.bool"),
          **dict.fromkeys(("date_type", "date_parsing", "date_from_datetime_parsing"),
                          "plan.form.date")}
_NUMBERS = {"float_type", "float_parsing", "int_type", "int_parsing", "int_parsing_size"}
_LIMITS = {"greater_than_equal": ("ge", "plan.number.min"), "less_than_equal": ("le", "plan.number.max"),
           "greater_than": ("gt", "plan.number.above"), "less_than": ("lt", "plan.number.below")}
# Where a value some YAML reader takes for a number or a boolean (`1:30`, `yes`) is refused.
_NUMBERISH = _NUMBERS | set(_LIMITS) | {"int_from_float", "finite_number", "bool_type",
                                        "bool_parsing"}
_DATES = {"date_type", "date_parsing", "date_from_datetime_parsing", "datetime_type",
          "datetime_parsing", "datetime_from_date_parsing"}


def _choices(ctx: dict[str, Any]) -> list[str]:
    """The values an enum or a literal allows, from pydantic's `'a', 'b' or 'c'`."""
    return re.findall(r"'([^']*)'", str(ctx.get("expected", "")))


def _what(err: Any) -> str:
    """What is wrong with a value, and what to write instead, by pydantic's error type."""
    kind, given, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    got = _given(given)
    if kind == "value_error":  # the model's own rules (model.py), which say it in our words
        error = ctx.get("error")
        return error.args[0] if isinstance(error, ValueError) and error.args else str(error)
    if given is None and kind in _FORMS:
        return say("plan.empty", form=say(_FORMS[kind]))
    if given is None and kind in {"enum", "literal_error"}:
        return say("plan.empty", form=say("plan.form.choice",
                                          choices=Join(("、", ", "), _choices(ctx))))
    if kind in _NUMBERS or (kind in _LIMITS and isinstance(given, bool)):
        key = ("plan.number.bool" if isinstance(given, bool)
               else "plan.number.text" if isinstance(given, str) else "plan.number.other")
        return say(key, got=got)
    if kind in _LIMITS:
        name, key = _LIMITS[kind]
        limit = ctx.get(name)
        return say(key, got=got, limit=f"{limit:g}" if isinstance(limit, float) else limit)
    simple = {"int_from_float": "plan.number.whole", "finite_number": "plan.number.finite",
              "list_type": "plan.type.list", "bool_type": "plan.type.bool",
              "bool_parsing": "plan.type.bool"}
    if kind in simple:
        return say(simple[kind], got=got)
    if kind == "string_type":
        read_as = ("plan.read-as.bool" if isinstance(given, bool)
                   else "plan.read-as.number" if isinstance(given, int | float)
                   else "plan.read-as.date" if isinstance(given, dt.date) else None)
        return (say("plan.text.quote", got=got, read_as=say(read_as)) if read_as
                else say("plan.text.not", got=got))
    if kind == "string_too_short":
        limit = ctx.get("min_length", 1)
        return say("plan.text.empty") if limit == 1 else say("plan.text.short", got=got, limit=limit)
    if kind == "string_too_long":
        return say("plan.text.long", got=got, limit=ctx.get("max_length"))
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == INDICATOR_ID:
            return say("plan.text.id", got=got)
        if pattern.startswith(r"^\d{4}-"):
            return say("plan.text.month", got=got)
        return say("plan.text.pattern", got=got, pattern=pattern)
    if kind == "too_short":
        limit, n = ctx.get("min_length", 1), ctx.get("actual_length", 0)
        return say("plan.list.empty") if n == 0 and limit == 1 else say("plan.list.short", n=n,
                                                                       limit=limit)
    if kind == "too_long":
        return say("plan.list.long", n=ctx.get("actual_length"), limit=ctx.get("max_length"))
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return say("plan.type.name" if ctx.get("class_name") == "Text" else "plan.type.mapping",
                   got=got)
    if kind in {"enum", "literal_error"}:
        choices = _choices(ctx)
        if len(choices) == 1:
            return say("plan.choice.one", got=got, choice=choices[0])
        return say("plan.choice.many", got=got, choices=Join(("、", ", "), choices))
    if kind == "date_from_datetime_inexact" or kind in _DATES:
        if isinstance(given, int | float) and not isinstance(given, bool):
            return say("plan.date.number", got=got)
        if kind == "date_from_datetime_inexact":
            return say("plan.date.time", got=got)
        no_day = "outside expected range" in str(ctx.get("error", ""))
        return say("plan.date.no-day" if no_day else "plan.date.form", got=got)
    return say("plan.other", got=got, kind=kind)


def _form(err: Any) -> str:
    """One alternative of a union, as the form of value it would take."""
    if err["type"] in {"enum", "literal_error"}:
        return Join(("、", ", "), [f"`{c}`" for c in _choices(err.get("ctx") or {})])
    if err["type"] in _FORMS:
        return say(_FORMS[err["type"]])
    return _what(err)


def _union(site: yamlnodes.Path, alternatives: list[Any], located: yamlnodes.Located,
           file: str) -> Problem:
    message = say("plan.union", got=_given(alternatives[0].get("input")),
                  forms=Join(("；", "; "), [_form(err) for err in alternatives]))
    return Problem("invalid-value", say("plan.at", field=_path_text(site) or say("plan.document"),
                                        message=message),
                   file, *(located.locate(site) or (None, None)))


def _located(err: Any, loc: yamlnodes.Path, located: yamlnodes.Located, file: str) -> Problem:
    code = _CODES.get(err["type"], "invalid-value")
    pos = located.locate(loc, key=code == "unknown-field")
    field: str = _path_text(loc) or say("plan.document")
    message: str
    if code == "unknown-field":
        message = say("plan.unknown-field", key=shown(loc[-1]), field=field)
    elif code == "missing-field":
        message = say("plan.missing", name=loc[-1],
                      where=_path_text(loc[:-1]) or say("plan.the-document"))
    elif err["type"] in _NUMBERISH and (why := located.ambiguous.get(loc)) is not None:
        # `1:30`, `yes` where a number is wanted: how YAML readers differ about it
        message = say("plan.ambiguous", field=field, given=shown(err.get("input")), why=why)
    else:
        message = say("plan.at", field=field, message=_what(err))
    return Problem(code, message, file, *(pos or (None, None)))
