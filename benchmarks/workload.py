"""What benchmarks/run.py measures: the generated files and the baselines' scripts."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

TOWNS = ["荔城街道", "增江街道", "朱村街道", "永宁街道", "宁西街道", "荔湖街道", "新塘镇", "石滩镇",
         "中新镇", "仙村镇", "派潭镇", "小楼镇", "正果镇"]
HEADER = ["指标编号", "截至日期", "累计完成", "填报单位", "备注"]
HOSTILE = Path(__file__).resolve().parent.parent / "tests" / "bad_inputs"


def reports(rows: int) -> tuple[list[tuple[str, dt.date, int, str]], int]:
    """`rows` daily cumulative reports of every quantity indicator of the 2023 plan by as many
    reporters as that takes, date by date as a growing export would hold them; and the number
    of indicators. The same shape of plan at any size: more rows means more reporters."""
    from minsheng_cli import load_plan

    plan = load_plan()
    quantities = [ind for _, ind in plan.indicators() if ind.kind.value == "quantity"]
    days = (plan.end - plan.start).days + 1
    per_day = -(-rows // days)
    reporters = [f"{TOWNS[k % len(TOWNS)]}{k // len(TOWNS) + 1:02d}片区"
                 for k in range(-(-per_day // len(quantities)))]
    out: list[tuple[str, dt.date, int, str]] = []
    for day in range(days):
        date = plan.start + dt.timedelta(days=day)
        for ind in quantities:
            share = ind.final.target / len(reporters)
            for k, reporter in enumerate(reporters):
                # cumulative and never decreasing: the share done by this day, give or take
                value = int(share * (day + 1) / days * (0.8 + 0.4 * ((k * 7919) % 101) / 100))
                out.append((ind.id, date, value, reporter))
                if len(out) == rows:
                    return out, len(quantities)
    return out, len(quantities)


def write_reports(path: Path | str, rows: int) -> int:
    """The reports as CSV (UTF-8); returns the indicator count."""
    data, indicators = reports(rows)
    with Path(path).open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(HEADER) + "\n")
        out.writelines(f"{i},{d.isoformat()},{v},{r},\n" for i, d, v, r in data)
    return indicators


def write_xlsx_reports(path: Path | str, rows: int) -> int:
    """The reports as a workbook: a title row, the header, date cells (openpyxl, write-only)."""
    import openpyxl

    data, indicators = reports(rows)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("进度")
    sheet.append(["增城区2023年民生十大实事进度"])
    sheet.append(HEADER)
    for indicator, date, value, reporter in data:
        sheet.append([indicator, date, value, reporter, None])
    book.save(path)
    return indicators


def write_plan_without_units(path: Path | str) -> None:
    """The embedded 2023 plan without `units:` and without who reports what (`reported_by`,
    `shares`): the shape of a plan, not one district's people."""
    import yaml

    from minsheng_cli.plan.load import embedded_plan_path

    data = yaml.safe_load(embedded_plan_path().read_text(encoding="utf-8"))
    data.pop("units", None)
    for project in data["projects"]:
        project.pop("reported_by", None)
        for indicator in project["indicators"]:
            indicator.pop("reported_by", None)
            indicator.pop("shares", None)
    Path(path).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                          encoding="utf-8")


def _hostile() -> object:
    """tests/bad_inputs/make_hostile.py, which writes the hostile cases."""
    sys.path.insert(0, str(HOSTILE))
    try:
        import make_hostile
    finally:
        sys.path.remove(str(HOSTILE))
    return make_hostile


def zip_bomb(path: str) -> None:
    """A 2 MB workbook inflating to 2 GiB."""
    _hostile().zip_bomb(Path(path))  # type: ignore[attr-defined]


def empty_rows(path: str) -> None:
    """Three reports above a million formatted empty rows."""
    _hostile().empty_rows(Path(path))  # type: ignore[attr-defined]


# The same job as `check`'s core, in other engines: the latest report per indicator and reporter
# on or before the as-of date (the latest date in the file, as check's default), summed per
# indicator. argv[1]: the CSV.
DUCKDB = """
import sys, duckdb
rows = duckdb.sql(f'''
    WITH r AS (SELECT "指标编号" AS indicator, CAST("截至日期" AS DATE) AS as_of,
                      "累计完成" AS value, "填报单位" AS reporter
               FROM read_csv('{sys.argv[1]}', header = true, all_varchar = true)),
         latest AS (SELECT indicator, reporter, arg_max(CAST(value AS DOUBLE), as_of) AS value
                    FROM r WHERE as_of <= (SELECT max(as_of) FROM r)
                    GROUP BY indicator, reporter)
    SELECT indicator, sum(value) FROM latest GROUP BY indicator ORDER BY indicator''').fetchall()
print(len(rows))
"""

POLARS = """
import sys, polars as pl
r = pl.scan_csv(sys.argv[1], infer_schema=False).select(
    pl.col("指标编号").alias("indicator"), pl.col("截至日期").str.to_date().alias("as_of"),
    pl.col("累计完成").cast(pl.Float64).alias("value"), pl.col("填报单位").alias("reporter"))
rows = (r.filter(pl.col("as_of") <= pl.col("as_of").max())
        .group_by("indicator", "reporter").agg(pl.col("value").sort_by("as_of").last())
        .group_by("indicator").agg(pl.col("value").sum()).sort("indicator").collect())
print(len(rows))
"""

READ_CSV = "import sys, pandas; pandas.read_csv(sys.argv[1])"

CALAMINE = """
import sys
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()
print(len(rows))
"""

BARE_FIGURES = """
import io, sys
import pandas
pandas.read_csv(sys.argv[1])
import matplotlib
matplotlib.use("Agg")
from matplotlib.figure import Figure
for k in range(int(sys.argv[2])):
    fig = Figure(figsize=(4, 2.2))
    ax = fig.add_subplot()
    ax.plot(range(12), [i * k for i in range(12)])
    fig.savefig(io.BytesIO(), format="svg")
"""
