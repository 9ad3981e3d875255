"""Reading what offices report: one reader per format, cell checks, row checks."""

from .load import COLUMNS, Actuals, latest_date, load_actuals

__all__ = ["COLUMNS", "Actuals", "latest_date", "load_actuals"]
