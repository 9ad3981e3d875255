"""minsheng: hold a government's livelihood commitments (民生实事) to account.

The small public API: load a plan, load what offices report, evaluate one against the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "evaluate", "load_actuals", "load_plan"]

if TYPE_CHECKING:
    from .actuals import load_actuals
    from .planfile import load_plan
    from .status import evaluate


def __getattr__(name: str) -> Any:
    # Imported on first use: `--help` needs none of them, `validate` and `list` no pandas.
    if name == "load_plan":
        from .planfile import load_plan

        return load_plan
    if name == "load_actuals":
        from .actuals import load_actuals

        return load_actuals
    if name == "evaluate":
        from .status import evaluate

        return evaluate
    raise AttributeError(name)
