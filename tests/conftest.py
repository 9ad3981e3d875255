"""Shared fixtures: a small plan built in code, and paths to the repository's files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from minsheng_cli.plan.model import Plan

ROOT = Path(__file__).resolve().parent.parent
# The plan text. The repository keeps a copy beside the plan, so that the tests and users can check
# quotes anywhere; where the shared seed is present too, a test proves the two are the same.
SHARED_SEED = ROOT.parent / "shared" / "seed" / "000_326e39b38b9b275e.txt"
SEED = ROOT / "plans" / "sources" / "2023-zengcheng.txt"
PLAN_2023 = ROOT / "plans" / "2023.yaml"


def small_plan_data() -> dict[str, Any]:
    """A plan with one quantity, one event, one rate and one at_most indicator."""
    return {
        "year": 2023, "issuer": "区政府办公室", "title": "测试计划", "issued": "2023-04-06",
        "projects": [{
            "number": 10, "name": {"zh": "交通", "en": "Transport"}, "leaders": ["张文杰"],
            "lead_units": ["区科工信局"], "overview": "新建充电桩450个",
            "indicators": [
                {"id": "p10.charging_piles", "name": {"zh": "充电桩", "en": "Charging piles"},
                 "unit": {"zh": "个", "en": "piles"}, "kind": "quantity",
                 "checkpoints": [
                     {"due": "2023-03", "target": 70, "source": "70"},
                     {"due": "2023-06", "target": 200, "source": "130"},
                     {"due": "2023-09", "target": 340, "source": "140"},
                     {"due": "2023-12", "target": 450, "source": "110"}]},
                {"id": "p10.meeting", "name": {"zh": "专题会议", "en": "Special meeting"},
                 "unit": {"zh": "项", "en": "milestone"}, "kind": "event",
                 "checkpoints": [{"due": "2023-03", "target": 1, "source": "会议"}]},
                {"id": "p10.rate", "name": {"zh": "完好率", "en": "Working rate"},
                 "unit": {"zh": "%", "en": "%"}, "kind": "rate",
                 "checkpoints": [{"due": "2023-12", "target": 95, "source": "95%"}]},
                {"id": "p10.accidents", "name": {"zh": "事故", "en": "Accidents"},
                 "unit": {"zh": "起", "en": "accidents"}, "kind": "quantity",
                 "direction": "at_most",
                 "checkpoints": [{"due": "2023-06", "target": 10, "source": "10"},
                                 {"due": "2023-12", "target": 20, "source": "20"}]},
            ],
        }],
    }


@pytest.fixture
def small_plan() -> Plan:
    return Plan.model_validate(small_plan_data())


def reports(*rows: tuple[str, str, float | None, str]) -> pd.DataFrame:
    """A reports frame as the engine takes it, from rows of (indicator, as_of, value, reporter)."""
    frame = pd.DataFrame(rows, columns=["indicator", "as_of", "value", "reporter"])
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    frame["value"] = frame["value"].astype(float)
    return frame


# One located problem per line of stderr: `where: [warning tag] [第N行第M列] message [code]`.
_LOCATED = re.compile(r"(?P<where>.+?): (?P<tag>警告：|warning: )?(?:第\d+行(?:第\d+列(?:（[A-Z]+\d+）)?)? )?"
                      r"(?P<message>.+) \[(?P<code>[a-z-]+)\]")
# the advice to save a workbook again, in both languages
ANEW_ZH = "请在 Excel/WPS 中另存为 .xlsx，或导出 CSV（UTF-8）"
ANEW_EN = "save it again from Excel/WPS as .xlsx, or export CSV (UTF-8)"


# What a refusal that prints several lines ends with: how many errors (and warnings) they are.
COUNT = re.compile(r"以上 (?P<errors>\d+) 条错误(?:、(?P<warnings>\d+) 条警告)?：未给出结论；"
                   r"请按各行所说修正后再运行|(?P<errors_en>\d+) error messages?(?: and "
                   r"(?P<warnings_en>\d+) warnings?)? above: no verdict; fix what they say and run "
                   r"again")


def without_count(lines: list[str]) -> list[str]:
    """`lines` of stderr without the count line a refusal ends with, asserting that it counts
    the problems above it: its errors are the lines without a warning tag, its warnings the rest."""
    if not lines or not (m := COUNT.fullmatch(lines[-1])):
        return lines
    above = [_LOCATED.fullmatch(line) for line in lines[:-1]]
    tagged = sum(1 for a in above if a and a["tag"])
    errors = int(m["errors"] or m["errors_en"])
    warnings = int(m["warnings"] or m["warnings_en"] or 0)
    assert (errors, warnings) == (len(above) - tagged, tagged), lines
    assert len(above) > 1, lines  # one problem alone needs no count
    return lines[:-1]


def located_lines(stderr: str) -> list[dict[str, str]]:
    """Each non-blank line of `stderr` parsed as one located problem (asserting it is one); the
    count line a refusal ends with is checked and left out."""
    found = []
    for line in without_count([ln for ln in stderr.splitlines() if ln.strip()]):
        m = _LOCATED.fullmatch(line)
        assert m, f"not one located problem per line: {line!r}"
        found.append(m.groupdict())
    return found
