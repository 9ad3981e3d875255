"""minsheng: hold a government's livelihood commitments (民生实事) to account.

The public API, in pipeline order: load a plan, load what offices report, evaluate one against
the other.

    plan = load_plan("plans/2023.yaml")          # Plan, or raises ProblemsError
    reports = load_actuals("2023-09.csv", plan)  # Actuals (frame + warnings), or ProblemsError
    report = evaluate(plan, reports, as_of)      # Report: one row per indicator, a Status each
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Actuals", "Plan", "Problem", "ProblemsError", "Report", "Status", "__version__",
           "evaluate", "load_actuals", "load_plan"]

if TYPE_CHECKING:
    from .actuals import Actuals, load_actuals
    from .engine.evaluate import Report, evaluate
    from .engine.statuses import Status
    from .plan.load import load_plan
    from .plan.model import Plan
    from .problems import Problem, ProblemsError

# Imported on first use: `--help` needs none of them, `validate` and `list` no pandas.
_WHERE = {
    "load_plan": "plan.load", "Plan": "plan.model", "load_actuals": "actuals",
    "Actuals": "actuals", "evaluate": "engine.evaluate", "Report": "engine.evaluate",
    "Status": "engine.statuses", "Problem": "problems", "ProblemsError": "problems",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(name)
    from importlib import import_module

    return getattr(import_module(f".{_WHERE[name]}", __name__), name)
