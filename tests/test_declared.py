"""A file that declares its unit above the header (`填报单位：新塘镇`) labels its unlabelled rows
with it, in CSV and in a workbook, in a folder of several files."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from test_units import run

ROWS = [["指标编号", "截至日期", "累计完成"], ["p10.points", "2023-06-30", 7]]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_declared_unit_labels_the_rows_of_its_file(tmp_path: Path, suffix: str) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    declared = inbox / f"报表{suffix}"  # the file name names no unit: the line above must
    above = [["增城区民生实事进度表"], ["填报单位：新塘镇", "", "联系人：李"]]
    if suffix == ".csv":
        declared.write_text("\n".join(",".join(map(str, r)) for r in above + ROWS) + "\n",
                            encoding="gbk")
    else:
        book = openpyxl.Workbook()
        for row in above + ROWS:
            book.active.append(row)
        book.save(declared)
    (inbox / "荔城街道.csv").write_text("指标编号,截至日期,累计完成\np10.points,2023-06-30,5\n",
                                     encoding="utf-8")
    result = run(tmp_path, inbox)
    assert result.exit_code in (0, 1), result.stderr
    points = next(r for r in json.loads(result.stdout) if r["indicator"] == "p10.points")
    assert {(s["unit"], s["value"]) for s in points["sources"]} == {("新塘镇", 7), ("荔城街道", 5)}
    assert points["actual"] == 12
