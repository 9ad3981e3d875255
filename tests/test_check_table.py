"""The check table at 80 and 120 columns: within the width, and no word, number, date or
percentage broken across lines."""

from __future__ import annotations

import io
import json

import pytest
from conftest import ROOT
from rich.cells import cell_len
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.outputs.check import figure

runner = CliRunner()
TOWNS = ROOT / "examples" / "2023-09-towns.csv"


def rendered(width: int, lang: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[dict]]:
    monkeypatch.setenv("COLUMNS", str(width))
    table = runner.invoke(app, ["check", str(TOWNS), "--lang", lang])
    assert table.exit_code == 1, table.stderr
    records = runner.invoke(app, ["check", str(TOWNS), "--lang", lang, "--format", "json"])
    return table.stdout, json.loads(records.stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [80, 120])
def test_the_table_stays_within_the_width(width: int, lang: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    out, _ = rendered(width, lang, monkeypatch)
    too_wide = [line for line in out.splitlines() if cell_len(line) > width]
    assert not too_wide, too_wide[:3]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [80, 120])
def test_no_figure_percentage_or_status_is_broken(width: int, lang: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out, records = rendered(width, lang, monkeypatch)
    lines = out.splitlines()
    for row in records:
        whole = [row["status_label"]]
        if row["percent"] is not None:
            whole.append(f"{row['percent']:.0f}%")
        if row["target"] is not None:  # as the plan writes it: 404.65, not 405
            whole.append(figure(row["target"]))
        for text in whole:
            assert any(text in line for line in lines), (row["indicator"], text)


def test_compact_under_100_columns_wide_above(monkeypatch: pytest.MonkeyPatch) -> None:
    narrow, _ = rendered(80, "zh", monkeypatch)
    wide, _ = rendered(120, "zh", monkeypatch)
    assert "p10.charging_piles" not in narrow and "p10.charging_piles" in wide  # ids left out
    assert len(narrow.splitlines()) < 400  # was 903 lines at 80 columns
    # the summaries as lines: a status and its count together
    assert any("已完成" in line and "项" in line for line in narrow.splitlines())


def test_the_summary_is_in_the_width_too() -> None:
    from rich.console import Console

    from minsheng_cli import evaluate, load_actuals, load_plan
    from minsheng_cli.outputs.check import summary

    plan = load_plan(ROOT / "plans" / "2023.yaml")
    report = evaluate(plan, load_actuals(TOWNS, plan).frame, None)
    for width in (80, 120):
        stream = io.StringIO()
        summary(report, "zh", Console(file=stream, width=width))
        assert all(cell_len(line) <= width for line in stream.getvalue().splitlines())


def test_figures_keep_the_decimals_of_the_plan() -> None:
    from minsheng_cli.outputs.check_text import places

    assert places(404.65) == 2 and places(362.5) == 1 and places(12000) == 0
    assert figure(404.65) == "404.65" and figure(12000.0) == "12,000"
    assert figure(199.4565, places(371)) == "199"  # required by now, of 371 场
    assert figure(341.3082, places(404.65)) == "341.31"


@pytest.mark.parametrize("width", [100, 110, 120, 129, 150])
def test_the_wide_table_is_never_cropped(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every line of a boxed table ends with its border: nothing cut off on the right."""
    out, _ = rendered(width, "zh", monkeypatch)
    cropped = [line for line in out.splitlines()
               if line[:1] in "│┃┏┡├└" and line.rstrip()[-1:] not in "│┃┓┩┤┘"]
    assert not cropped, cropped[:3]
