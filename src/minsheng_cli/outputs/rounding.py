"""How figures are rounded for people: 四舍五入, from the figure as written."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def half_up(value: float, digits: int = 0) -> float:
    """Rounded as people round (四舍五入), from the figure as written: 81.25 → 81.3, 98.5 → 99,
    2.675 → 2.68 (Python's round goes to the even neighbour of the binary value: 81.2, 98,
    2.67)."""
    if not math.isfinite(value):
        return value
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits),
                                                      rounding=ROUND_HALF_UP))
