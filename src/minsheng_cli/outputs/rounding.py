"""How figures are rounded for people: 四舍五入, from the figure as written, and never across
the figure they are compared with."""

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


def agreeing(value: float, digits: int, actual: float | None) -> int:
    """`digits`, or more (up to 4) where fewer would show `value` on the other side of `actual`
    than it is, against the verdict: 11.01 required of 11 done (behind), not 11; 199.6 of 199.7
    (on track), not 200."""
    if actual is None or actual != actual:
        return digits
    side = (actual > value) - (actual < value)
    while digits < 4:
        shown = half_up(value, digits)
        if (actual > shown) - (actual < shown) == side:
            break
        digits += 1
    return digits


def places(value: float | None) -> int:
    """The decimals a plan figure is written with: 404.65 → 2, 362.5 → 1, 12000 → 0 (at most 2)."""
    if value is None or float(value).is_integer():
        return 0
    text = repr(float(value))
    return 2 if "e" in text else min(2, len(text.split(".")[1].rstrip("0")))
