"""Outputs name a project's lead units as the registry names them: the 2023 text's garbles
(区政治局 for 区政务服务数据管理局, 区科工工商和信息化局) stay quoted in the plan, never in a
bulletin."""

from __future__ import annotations

from pathlib import Path

from conftest import small_plan_data
from typer.testing import CliRunner

from minsheng_cli.engine.evaluate import plan_frames
from minsheng_cli.plan.load import load_plan
from minsheng_cli.plan.model import Plan
from minsheng_cli.plan.units import lead_units

INBOX = Path(__file__).resolve().parent.parent / "examples" / "inbox" / "2023-09"
GARBLES = ("区政治局", "区科工工商和信息化局", "区卫生局")


def test_the_plan_quotes_the_garbles_and_the_registry_resolves_them() -> None:
    plan = load_plan()
    quoted = {u for p in plan.projects for u in p.lead_units}
    assert "区政治局" in quoted  # the text as it is
    seven = next(p for p in plan.projects if "区政治局" in p.lead_units)
    assert "区政务服务数据管理局" in lead_units(plan, seven)
    assert "区政治局" not in lead_units(plan, seven)
    shown = {u for units in plan_frames(plan)[0]["lead_units"] for u in units}
    assert not shown & set(GARBLES)


def test_the_bulletin_names_units_that_exist(tmp_path: Path) -> None:
    from minsheng_cli.cli import app

    out = tmp_path / "b.md"
    result = CliRunner().invoke(app, ["report", str(INBOX), "-o", str(out)])
    assert result.exit_code in (0, 1), result.stderr
    text = out.read_text(encoding="utf-8")
    assert "区政务服务数据管理局" in text
    assert not [g for g in GARBLES if g in text]


def test_without_a_registry_names_stay_as_written() -> None:
    plan = Plan.model_validate(small_plan_data())
    assert lead_units(plan, plan.projects[0]) == list(plan.projects[0].lead_units)


def test_the_list_table_names_units_that_exist_too() -> None:
    from minsheng_cli.cli import app

    for lang in ("zh", "en"):
        out = CliRunner().invoke(app, ["list", "--lang", lang], env={"COLUMNS": "120"}).stdout
        assert "区政务服务数据管理局" in out and not [g for g in GARBLES if g in out]
