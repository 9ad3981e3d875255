"""A finding of a plan check: a code, a message, and the path in the plan it is about."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .model import Plan
from .yamlnodes import Path


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    path: Path
    severity: str = "error"


Check = Callable[[Plan], Iterator[Finding]]
