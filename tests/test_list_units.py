"""`minsheng list --units`: the registry a clerk is pointed to when a unit's name is wrong."""

from __future__ import annotations

import json
from pathlib import Path

from rich.cells import cell_len
from typer.testing import CliRunner

from minsheng_cli.cli import app

runner = CliRunner()


def test_the_units_with_their_other_names_and_duties() -> None:
    rows = json.loads(runner.invoke(app, ["list", "--units", "--format", "json"]).stdout)
    by_name = {r["unit"]: r for r in rows}
    assert len(by_name) == len(rows) == 50
    assert {r["kind"] for r in rows} == {"town", "department", "other", "group"}
    assert sum(r["kind"] == "town" for r in rows) == 13  # the 13 镇街
    assert "区政治局" in by_name["区政务服务数据管理局"]["aliases"]  # the text's garble
    assert "p10.charging_piles" in by_name["区科技工业商务和信息化局"]["reports"]
    assert by_name["新塘镇"]["kind_label"] == "镇街"


def test_the_table_fits_and_keeps_every_alias(tmp_path: Path) -> None:
    result = runner.invoke(app, ["list", "--units"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert all(cell_len(line) <= 80 for line in result.stdout.splitlines())
    assert "…" not in result.stdout and "新塘镇" in result.stdout and "小楼镇" in result.stdout


def test_an_unknown_unit_in_a_file_points_to_the_list(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("指标编号,截至日期,累计完成,填报单位\np10.charging_piles,2023-06-30,5,某某局\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert "minsheng list --units" in result.stderr and "[unknown-reporter]" in result.stderr
