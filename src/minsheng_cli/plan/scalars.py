"""The plan's scalar rules: a plain YAML value is a number or a boolean only in the forms YAML 1.1
and 1.2 read alike; everything else is text, and `ambiguity` says why a value is doubtful and
what to write instead (see yamlnodes.py's docstring)."""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from ..i18n import Msg, say

try:  # libyaml's composer is several times faster; fall back to pure Python where absent
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

NULL = "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
# The forms YAML 1.1 and 1.2 both read as the same value (see the module's docstring).
FORMS = {
    NULL: re.compile(r"~|null|Null|NULL|"),
    BOOL: re.compile(r"true|True|TRUE|false|False|FALSE"),
    INT: re.compile(r"[-+]?(?:0|[1-9][0-9]*)"),
    FLOAT: re.compile(r"(?:[-+]?[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?"
                       r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"),
    TIMESTAMP: re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),  # a date; YAML 1.2 has none
}
# What to write instead, when an explicit tag (`!!int 1:30`) asks for another form.
HOW = {NULL: say("yaml.how.null"), BOOL: say("yaml.how.bool"), INT: say("yaml.how.int"),
       FLOAT: say("yaml.how.float"), TIMESTAMP: say("yaml.how.date")}


class Loader(_BaseLoader):
    """The safe loader with the plan's scalar rules instead of YAML 1.1's."""


Loader.yaml_implicit_resolvers = {}
for _tag, _first in ((NULL, "~nN"), (BOOL, "tTfF"), (INT, "-+0123456789"),
                     (FLOAT, "-+.0123456789"), (TIMESTAMP, "0123456789")):
    Loader.add_implicit_resolver(_tag, re.compile(f"^(?:{FORMS[_tag].pattern})$"),
                                  [*_first, *([""] if _tag == NULL else [])])
Loader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


_constructor = yaml.constructor.SafeConstructor()
STR = "tag:yaml.org,2002:str"


def _float(text: str) -> float:
    bare = text.lstrip("+-").lower()
    if bare in {".inf", ".nan"}:
        return math.nan if bare == ".nan" else -math.inf if text.startswith("-") else math.inf
    return float(text)


# Each scalar tag a plan may hold, read by the rules above (never YAML 1.1's base 60 or octal).
SCALARS: dict[str, Any] = {
    NULL: lambda node: None,
    BOOL: lambda node: node.value.lower() == "true",
    INT: lambda node: int(node.value),
    FLOAT: lambda node: _float(node.value),
    TIMESTAMP: lambda node: _constructor.construct_yaml_timestamp(node),
}

# Plain scalars some YAML reader takes for a number or boolean (YAML 1.1's and 1.2's own rules).
# Those the rules above read as numbers are agreed; whatever else matches is ambiguous.
NUMBERISH = re.compile(
    r"[-+]?(?:0b[01_]+|0o[0-7]+|0x[0-9a-fA-F_]+"  # other bases
    r"|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"  # base 60 (YAML 1.1)
    r"|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"  # digits, separators, exponents
    r"|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF|nan|NaN|NAN))"
    r"|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF")  # YAML 1.1 booleans
MAYBE = frozenset("0123456789+-.yYnNoO")


def _base_60(text: str) -> float:
    value = 0.0
    for part in text.lstrip("+-").replace("_", "").split(":"):
        value = value * 60 + float(part or 0)
    return -value if text.startswith("-") else value


def ambiguity(text: str) -> Msg | None:
    """Why YAML readers disagree about a plain scalar that the rules above left as text, and
    which number to write instead; None if every reader takes it for text."""
    if not text or text[0] not in MAYBE or not NUMBERISH.fullmatch(text):
        return None
    bare = text.lstrip("+-")
    if ":" in text:
        return say("yaml.ambiguous.base-60", number=f"{_base_60(text):g}")
    if bare.isalpha() and bare.lower() not in {"inf", "nan"}:
        return say("yaml.ambiguous.bool")
    if bare[:2] in {"0x", "0b", "0o"}:
        base = {"0x": "hexadecimal", "0b": "binary", "0o": "octal-prefix"}[bare[:2]]
        return say(f"yaml.ambiguous.{base}", value=int(text.replace("_", ""), 0))
    if "_" in text:
        return say("yaml.ambiguous.separators", number=text.replace("_", ""))
    if bare[:1] == "0" and bare.isdigit():
        if set(bare) <= set("01234567"):
            return say("yaml.ambiguous.octal", octal=int(text, 8), number=int(text))
        return say("yaml.ambiguous.leading-zero", number=int(text))
    return say("yaml.ambiguous.exponent", number=f"{float(text):g}")
