"""The combined actual of each indicator at every report date: the series behind charts and trends."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..plan.model import Plan
from .attribution import counted_reports
from .evaluate import combine_rules, reported_by


def history(plan: Plan, reports: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """The combined actual of each indicator at every date something was reported, up to `as_of`.

    Returns columns indicator, as_of, actual — the series behind burn-up charts and trends.
    Only the reports `evaluate` counts are combined (a bureau's total, or the towns' shares of
    it, never both), so a series ends at the indicator's actual.
    """
    upto = reported_by(counted_reports(plan, reports), as_of)
    if upto["reporter"].isna().any():  # a frame built by hand: no reporter is one reporter
        upto = upto.assign(reporter=upto["reporter"].astype(object).fillna(""))
    if upto.empty:
        return pd.DataFrame({"indicator": pd.Series(dtype=object),
                             "as_of": pd.Series(dtype="datetime64[ns]"),
                             "actual": pd.Series(dtype=float)})
    wide = upto.pivot_table(index=["indicator", "as_of"], columns="reporter", values="value",
                            aggfunc="last", observed=True)
    wide = wide.groupby(level="indicator", sort=False, observed=True).ffill()  # latest per reporter
    how = wide.index.get_level_values("indicator").map(combine_rules(plan)).to_numpy(dtype=object)
    candidates = np.column_stack([wide.sum(axis=1, min_count=1), wide.max(axis=1),
                                  wide.min(axis=1), wide.mean(axis=1)])
    pick = np.select([how == "sum", how == "max", how == "min"], [0, 1, 2], default=3)
    out = wide.index.to_frame(index=False)
    out["actual"] = candidates[np.arange(len(out)), pick]
    return out.astype({"indicator": object})
