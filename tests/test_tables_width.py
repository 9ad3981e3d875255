"""`check`, `check --by unit` and `list` at the widths of real terminals, in Chinese and English:
every line within the width, no table cut off on the right, and nothing a clerk reads or copies
(an id, a date, a figure, a percentage, a status, a column's name, a word) broken across lines."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT
from rich.cells import cell_len
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.labels import label
from minsheng_cli.outputs.check import figure

runner = CliRunner()
INBOX = ROOT / "examples" / "inbox" / "2023-09"
WIDTHS = [80, 100, 120, 129, 150]
LANGS = ["zh", "en"]


def run(args: list[str], width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stdout


def records(args: list[str]) -> list[dict]:
    return json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)


def fits(out: str, width: int) -> None:
    lines = out.splitlines()
    too_wide = [line for line in lines if cell_len(line) > width]
    assert not too_wide, too_wide[:3]
    cropped = [line for line in lines
               if line[:1] in "│┃┏┡├└" and line.rstrip()[-1:] not in "│┃┓┩┤┘"]
    assert not cropped, cropped[:3]


def whole(out: str, texts: set[str]) -> None:
    lines = out.splitlines()
    broken = sorted(t for t in texts if t and not any(t in line for line in lines))
    assert not broken, broken[:5]


def no_broken_words(out: str, args: list[str], texts: list[str],
                    monkeypatch: pytest.MonkeyPatch) -> None:
    """No English word is cut (`Indicato` / `r`, `Require`): every word of the output is a word
    of the same output 400 columns wide, where nothing wraps, or of `texts`."""
    wide = run(args, 400, monkeypatch)
    known = {w for t in [wide, *texts] for w in re.findall(r"[A-Za-z]+", t)}
    cut = sorted(set(re.findall(r"[A-Za-z]+", out)) - known)
    assert not cut, cut[:5]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_check(width: int, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["check", str(INBOX), "--lang", lang]
    out = run(args, width, monkeypatch)
    rows = records(args)
    fits(out, width)
    whole(out, {r["status_label"] for r in rows}
          | {f"{r['percent']:.0f}%" for r in rows if r["percent"] is not None}
          | {figure(r["target"]) for r in rows} | {figure(r["actual"]) for r in rows}
          | {r["next_due"] for r in rows if r["next_due"] and label("next", lang) in out}
          | {label(k, lang) for k in ("actual", "required")})
    if "p10." in out:  # the ids are shown: each on one line, whole
        whole(out, {r["indicator"] for r in rows})
    if lang == "en":
        no_broken_words(out, args, [label(k, "en") for k in ("indicator", "progress", "next",
                                                              "lead_units", "target")],
                        monkeypatch)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_check_by_unit(width: int, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run(["check", str(INBOX), "--by", "unit", "--lang", lang], width, monkeypatch)
    fits(out, width)
    if lang == "zh":  # the rule under the ranking: broken after a punctuation mark only
        whole(out, {"已到节点", "应评价项数", "得分相同者并列"})
        assert "," not in out.split("镇街排名")[-1]  # Chinese punctuation in Chinese: ，（）
        assert "（已到节点或已填报）" in out.replace("\n", "")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_list(width: int, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run(["list", "--lang", lang], width, monkeypatch)
    rows = json.loads(runner.invoke(app, ["list", "--lang", lang, "--format", "json"]).stdout)
    fits(out, width)
    # an id is copied from here into a report: never split (p10.rectification_measures)
    whole(out, {r["indicator"] for r in rows} | {r["due"] for r in rows})
    assert label("id", lang) in out.splitlines()[2]  # the header: 编号 in Chinese
    if lang == "en":
        no_broken_words(out, ["list", "--lang", lang], [label("id", "en")], monkeypatch)


def test_the_id_header_is_chinese_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    for width in (80, 200):
        header = run(["list"], width, monkeypatch).splitlines()[2]
        assert "编号" in header and " id " not in header


@pytest.mark.parametrize("width", [80, 90])
def test_summary_lines_break_between_items(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 80 columns the summaries are lines: one broken between two counts ends with `·`, and
    the next never begins with it."""
    out = run(["check", str(INBOX)], width, monkeypatch)
    summary = out[out.index(label("summary_by_project", "zh")):]
    lines = summary.splitlines()
    assert not [line for line in lines if line.lstrip().startswith("·")]
    continued = [i for i, line in enumerate(lines) if line.endswith(" ·")]
    assert continued  # some do break at 80 columns
    for i in continued:
        assert re.match(r"  \S+\d+项", lines[i + 1]), lines[i + 1]  # a whole count, indented


def test_by_unit_rounds_what_is_required_as_the_district_table(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """序时应完成: whole numbers where the target is (199 of 371 场, not 199.5), the target's
    decimals where it has some (31.50 of 42.15 km)."""
    args = ["check", str(INBOX), "--by", "unit"]
    out = run(args, 120, monkeypatch)
    rows = records(args)
    activities = next(r for r in rows if r["indicator"] == "p1.family_education_activities")
    assert activities["required"] == pytest.approx(199.4565)  # the JSON keeps the figure
    line = next(line for line in out.splitlines() if activities["name"] in line)
    assert " 199 " in line and "199.5" not in line
    pipes = next(r for r in rows if r["indicator"] == "p6.water_pipe_km" and r["share"] == 42.15)
    assert f" {pipes['required']:.2f} " in next(
        line for line in out.splitlines() if "新建供水管网" in line and "42.15" in line)
    district = run(["check", str(INBOX)], 200, monkeypatch)
    line = next(line for line in district.splitlines() if activities["name"] in line)
    assert " 199 " in line and "404.65" in district
