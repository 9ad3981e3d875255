"""`report`: the bulletin's content (HTML and Markdown, both languages), what changed since the
previous one, escaping of data, size, and the trend column of `check`."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import os
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from conftest import ROOT, small_plan_data
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.engine.evaluate import evaluate
from minsheng_cli.engine.statuses import LOOKS, Status
from minsheng_cli.outputs.bulletin import build_bulletin
from minsheng_cli.outputs.charts import add_trends, burnup_svg, burnup_svgs, sparkline, trends
from minsheng_cli.plan.model import Plan

runner = CliRunner()
needs_reader = pytest.mark.skipif(importlib.util.find_spec("minsheng_cli.actuals") is None,
                                  reason="the actuals reader (minsheng_cli.actuals) is not there")
EXAMPLES = ROOT / "examples"
HEAD = ["指标编号", "截至日期", "累计完成", "填报单位", "备注"]
PILES = "p10.charging_piles"

# The small plan at 2023-06-30: piles short of June's 200 (overdue), the March meeting held (done),
# the rate never reported (not due: its only checkpoint is in December), accidents under the cap.
JUNE = [(PILES, "2023-03-31", 70, "区科工信局"), (PILES, "2023-04-30", 110, "区科工信局"),
        (PILES, "2023-06-30", 180, "区科工信局"), ("p10.meeting", "2023-03-20", 1, "区科工信局"),
        ("p10.accidents", "2023-06-30", 4, "区公安局")]
MAY = [r for r in JUNE if r[1] <= "2023-05-31"]


def frame(rows: list[tuple[str, str, float, str]]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=["indicator", "as_of", "value", "reporter"])
    out["as_of"] = pd.to_datetime(out["as_of"])
    out["value"] = out["value"].astype(float)
    return out


def write_csv(path: Path, rows: list[tuple[str, str, float, str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([HEAD, *[(*r, "") for r in rows]])
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(small_plan_data(), allow_unicode=True), encoding="utf-8")
    return {"plan": plan, "june": write_csv(tmp_path / "june.csv", JUNE),
            "may": write_csv(tmp_path / "may.csv", MAY)}


def report(files: dict[str, Path], out: Path, *extra: str) -> str:
    args = ["report", str(files["june"]), "--plan", str(files["plan"]), "-o", str(out), *extra]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


# ── the content ─────────────────────────────────────────────────────────────────────────────────

def test_bulletin_counts_and_attention(small_plan: Plan) -> None:
    b = build_bulletin(small_plan, frame(JUNE), dt.date(2023, 6, 30))
    assert b.counts[Status.overdue] == 1 and b.counts[Status.done] == 1
    assert b.total == 4 and sum(s.counts[Status.overdue] for s in b.sections) == 1
    assert [(x.id, x.last_due, x.last_due_target) for x in b.attention] == [
        (PILES, dt.date(2023, 6, 30), 200)]
    assert b.attention[0].leaders == ["张文杰"] and b.attention[0].lead_units == ["区科工信局"]
    piles = next(x for x in b.lines if x.id == PILES)
    assert [v for _, v in piles.history] == [70, 110, 180]
    assert b.changes is None


def test_changes_since_the_previous_bulletin(small_plan: Plan) -> None:
    b = build_bulletin(small_plan, frame(JUNE), dt.date(2023, 6, 30),
                       previous=frame(MAY), previous_as_of=dt.date(2023, 5, 31))
    changed = {c.line.id: c for c in b.changes or []}
    assert changed[PILES].old_status is Status.at_risk  # 110 at the end of May: behind the line
    assert changed[PILES].line.status is Status.overdue and changed[PILES].delta == 70
    assert "p10.meeting" not in changed  # done then, done now, same value
    assert [c.line.id for c in b.status_changes] == [PILES, "p10.accidents"]



def test_charts_drawn_on_one_figure_are_those_drawn_alone(small_plan: Plan) -> None:
    # One figure serves every chart of a bulletin; nothing of one chart stays in the next (the
    # actuals line of a reported indicator, its colour, the y axis, the unit above it).
    b = build_bulletin(small_plan, frame(JUNE), dt.date(2023, 6, 30))
    lines = [x for x in b.lines if x.kind != "event"]
    assert [bool(x.history) for x in lines] == [True, False, True]  # piles, rate, accidents
    together = burnup_svgs([*lines, *reversed(lines)], b.as_of, b.year, b.lang)
    alone = [burnup_svg(x, b.as_of, b.year, b.lang) for x in lines]
    assert together == alone + alone[::-1]
    piles, rate, accidents = alone
    # each reported line in its status's colour (piles overdue, accidents on track); the rate,
    # never reported, has no line of actuals and neither colour
    assert LOOKS[Status.overdue].color in piles and LOOKS[Status.on_track].color in accidents
    assert not {LOOKS[Status.overdue].color, LOOKS[Status.on_track].color} & set(
        re.findall(r"#[0-9a-f]{6}", rate))
    assert piles.count("<path") > rate.count("<path") and "个" in piles and "起" in accidents
    assert burnup_svgs([], b.as_of, b.year, b.lang) == []



def test_a_daily_history_is_marked_at_each_months_last_report() -> None:
    from minsheng_cli.outputs.charts import MARKED, _marked

    monthly = [(dt.date(2023, m, 28), float(m)) for m in range(1, 13)]
    assert _marked(monthly) is None  # a month's report each: every one marked
    days = [dt.date(2023, 1, 1) + dt.timedelta(days=d) for d in range(0, 300)]  # to 27 Oct
    daily = [(d, float(i)) for i, d in enumerate(days)]
    assert len(daily) > MARKED
    marked = _marked(daily)
    assert marked is not None
    # the last report of January … September, and the latest (27 October)
    assert [daily[i][0] for i in marked] == [
        dt.date(2023, m + 1, 1) - dt.timedelta(days=1) for m in range(1, 10)] + [days[-1]]


def test_a_daily_chart_draws_its_line_through_the_reports_and_a_dot_a_month(
        small_plan: Plan) -> None:
    days = [dt.date(2023, 1, 1) + dt.timedelta(days=d) for d in range(181)]  # to 30 June
    reports = pd.DataFrame({"indicator": "p10.charging_piles", "as_of": pd.to_datetime(days),
                            "value": [i * i / 100 for i in range(181)], "reporter": "区科工信局"})
    b = build_bulletin(small_plan, reports, dt.date(2023, 6, 30))
    piles = next(x for x in b.lines if x.id == "p10.charging_piles")
    assert len(piles.history) == 181
    svg = burnup_svg(piles, b.as_of, b.year, b.lang)
    color = LOOKS[piles.status].color
    dots = re.findall(f'<use [^>]*style="fill: {color}', svg)
    assert len(dots) == 6  # the reported line's: the last of January … June
    line = re.search(f'<path d="([^"]+)"[^>]*style="fill: none; stroke: {color}', svg)
    # the line bends through the reports between the dots (matplotlib merges near-straight runs)
    assert line is not None and line.group(1).count(" L ") > 3 * len(dots)

needs_fork = pytest.mark.skipif(sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
                                reason="helper processes draw the charts on Linux with 2+ CPUs")

# Run in a fresh interpreter: the helpers fork only from a process without threads (as
# `report` is when it forks them), and pytest's has numpy's and pyarrow's.
HELPERS = """
import datetime as dt, json, multiprocessing, os, signal, sys
sys.path.insert(0, sys.argv[1])
from minsheng_cli.outputs import charts
from minsheng_cli.outputs.drawing import helper_processes

def lines():
    import pandas as pd
    from conftest import small_plan_data
    from minsheng_cli.outputs.bulletin import build_bulletin
    from minsheng_cli.plan.model import Plan
    rows = [("p10.charging_piles", "2023-03-31", 70.0, "区科工信局"),
            ("p10.charging_piles", "2023-06-30", 180.0, "区科工信局"),
            ("p10.accidents", "2023-06-30", 4.0, "区公安局")]
    frame = pd.DataFrame(rows, columns=["indicator", "as_of", "value", "reporter"])
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    b = build_bulletin(Plan.model_validate(small_plan_data()), frame, dt.date(2023, 6, 30))
    return b, [x for x in b.lines if x.kind != "event"]

def running(pid):  # an ended helper may wait a moment to be reaped by the pool's thread
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:  # gone (reaped while being read, too)
        return False

out = {}
with helper_processes():
    pids = [p.pid for p in charts.helpers.processes]
    out["helpers"] = len(pids)
    b, shown = lines()  # pandas and numpy (and their threads) after the fork, as in report
    by_helpers = charts.burnup_svgs(shown, b.as_of, b.year, b.lang)
out["left"] = [pid for pid in pids if running(pid)]
charts.helpers = None
out["same"] = by_helpers == charts.burnup_svgs(shown, b.as_of, b.year, b.lang)
with helper_processes():  # a process with threads now: no helpers
    out["threaded"] = charts.helpers is None
json.dump(out, sys.stdout)
"""


def helper_script(tmp_path: Path, text: str) -> Path:
    script = tmp_path / "helpers.py"
    script.write_text(text, encoding="utf-8")
    return script


@needs_fork
def test_the_helper_processes_draw_the_same_charts_and_stop(tmp_path: Path) -> None:
    import json
    import subprocess

    run = subprocess.run([sys.executable, str(helper_script(tmp_path, HELPERS)),
                          str(ROOT / "tests")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"helpers": 2, "left": [], "same": True, "threaded": True}


def test_a_dead_helper_is_redone_here_and_a_threaded_process_draws_alone(
        small_plan: Plan) -> None:
    import multiprocessing

    from minsheng_cli.outputs import charts
    from minsheng_cli.outputs.drawing import Helpers, helper_processes

    b = build_bulletin(small_plan, frame(JUNE), dt.date(2023, 6, 30))
    lines = [x for x in b.lines if x.kind != "event"]
    here = burnup_svgs(lines, b.as_of, b.year, b.lang)
    with helper_processes():  # this process runs threads (numpy's, pyarrow's): it draws alone
        assert charts.helpers is None
    # helpers whose processes are gone (a broken pool): the charts are drawn here, the same
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    dead = Helpers(pool, set(multiprocessing.active_children()))
    for process in dead.processes:
        process.kill()
        process.join()
    assert dead.draw([charts.Chart(x.id, x.unit, x.kind, LOOKS[x.status].color, x.checkpoints,
                                   x.history) for x in lines], b.as_of, b.year, b.lang) == here
    pool.shutdown(wait=True)
    assert not multiprocessing.active_children()


KILLED = """
import os, signal, sys, time
from minsheng_cli.outputs import charts
from minsheng_cli.outputs.drawing import helper_processes
with helper_processes():
    print(" ".join(str(p.pid) for p in charts.helpers.processes), flush=True)
    time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGKILL)  # report killed (timeout, the OOM killer) mid-read
"""


@needs_fork
def test_the_helpers_die_with_a_killed_report(tmp_path: Path) -> None:
    import subprocess
    import time

    run = subprocess.run([sys.executable, str(helper_script(tmp_path, KILLED))],
                         capture_output=True, text=True, timeout=60)
    pids = [int(pid) for pid in run.stdout.split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in pids):
        time.sleep(0.1)
    assert not [pid for pid in pids if Path(f"/proc/{pid}/status").exists()
                and "zombie" not in Path(f"/proc/{pid}/status").read_text()]

@needs_reader
def test_markdown_in_chinese(files: dict[str, Path], tmp_path: Path) -> None:
    text = report(files, tmp_path / "b.md", "--previous", str(files["may"]),
                  "--previous-as-of", "2023-05-31")
    assert "| 已完成 | 按计划推进 | 滞后序时进度 | 逾期未完成 | 未报送 | 未到节点 | 合计 |" in text
    assert "| 1 | 1 | 0 | 1 | 0 | 1 | 4 |" in text
    attention = text.split("## 逾期及未报送事项")[1].split("##")[0]
    assert "充电桩 (p10.charging_piles)" in attention and "区科工信局 | 张文杰" in attention
    assert "与上期相比 (上期 2023-05-31)" in text and "+70" in text
    assert sparkline([70, 110, 180], 450) == "▂▃▄" and "▂▃▄" in text  # the piles, of 450


@needs_reader
def test_markdown_in_english(files: dict[str, Path], tmp_path: Path) -> None:
    text = report(files, tmp_path / "b.md", "--lang", "en")
    assert "| done | on track | at risk | overdue | not reported | not due | Total |" in text
    assert "Charging piles (p10.charging_piles)" in text and "## Overdue and unreported" in text
    assert "充电桩" not in text and "逾期" not in text


@needs_reader
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_is_self_contained_printable_and_in_the_language(files: dict[str, Path],
                                                             tmp_path: Path, lang: str) -> None:
    text = report(files, tmp_path / "b.html", "--lang", lang, "--previous", str(files["may"]))
    tags = Tags.of(text)
    assert not tags.names & {"script", "link", "img", "iframe", "object", "embed"}
    assert not [a for a in tags.attributes if a[0] in {"src", "href"} and "//" in a[1]]
    assert "@page" in text and "A4" in text and "@media print" in text
    assert "Noto Sans CJK SC" in text and "<?xml" not in text and "<metadata" not in text
    assert tags.names >= {"svg", "figure", "table"}
    assert tags.text_of("count-overdue") == "1" and tags.text_of("count-total") == "4"
    zh, en = ("逾期未完成", "充电桩", "3月"), ("overdue", "Charging piles", "Mar")
    assert all(w in text for w in (zh if lang == "zh" else en))
    assert ("充电桩" in text) == (lang == "zh")


@needs_reader
def test_output_of_the_same_input_is_the_same(files: dict[str, Path], tmp_path: Path) -> None:
    assert report(files, tmp_path / "a.html") == report(files, tmp_path / "b.html")


def test_data_cannot_inject_markup(tmp_path: Path) -> None:
    from minsheng_cli.outputs.html import render_html
    from minsheng_cli.outputs.markdown import render_markdown

    evil = "<script>alert(1)</script>"
    data = small_plan_data()
    proj = data["projects"][0]
    proj["name"]["zh"] = f"交通{evil}"
    proj["leaders"] = ['"><img src=x onerror=alert(1)>']
    proj["lead_units"] = ["</table><iframe src=//evil>"]
    proj["indicators"][0]["name"]["zh"] = evil
    proj["indicators"][0]["unit"]["zh"] = "<svg onload=alert(1)>个&amp;"
    plan = Plan.model_validate(data)
    html = render_html(build_bulletin(plan, frame(JUNE), dt.date(2023, 6, 30)))
    tags = Tags.of(html)
    assert not tags.names & {"script", "img", "iframe"}
    assert not [a for a in tags.attributes if a[0].startswith("on")]
    assert evil in tags.text and "<svg onload=alert(1)>个&amp;" in tags.text  # shown as text
    assert tags.count["svg"] == 3  # the three non-event charts, nothing injected
    md = render_markdown(build_bulletin(plan, frame(JUNE), dt.date(2023, 6, 30)))
    assert not re.search(r"(?<!\\)<", md)  # every < of the data is escaped
    assert r"\<script\>" in md


@needs_reader
def test_the_2023_example_bulletin_is_small_enough(tmp_path: Path) -> None:
    out = tmp_path / "bulletin.html"
    result = runner.invoke(app, ["report", str(EXAMPLES / "2023-09-towns.csv"), "--previous",
                                 str(EXAMPLES / "2023-06-lead-units.csv"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size < 3_000_000
    tags = Tags.of(out.read_text(encoding="utf-8"))
    assert tags.count["svg"] == 50  # every quantity and rate; the 34 events are listed
    assert tags.text_of("count-total") == "84"


# ── bad input ───────────────────────────────────────────────────────────────────────────────────

@needs_reader
@pytest.mark.parametrize("args", [
    ["{june}", "-o", "{tmp}/exists.html"], ["{tmp}/missing.csv", "-o", "{tmp}/b.html"],
    ["{june}", "-o", "{tmp}/b.pdf"], ["{june}", "-o", "{tmp}/nodir/b.html"],
    ["{june}", "--as-of", "2023-02-30", "-o", "{tmp}/b.html"],
    ["{june}", "--as-of", "2024-01-31", "-o", "{tmp}/b.html"],
    ["{june}", "--previous", "{tmp}/missing.csv", "-o", "{tmp}/b.html"],
    ["{bad}", "-o", "{tmp}/b.html"],
])
def test_bad_input_exits_2_and_writes_nothing(files: dict[str, Path], tmp_path: Path,
                                              args: list[str]) -> None:
    (tmp_path / "exists.html").write_text("old", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("指标编号,截至日期,累计完成\np10.nope,2023-13-01,abc\n", encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    fill = {"june": files["june"], "tmp": tmp_path, "bad": bad}
    result = runner.invoke(app, ["report", "--plan", str(files["plan"]),
                                 *(a.format(**fill) for a in args)])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() and "Traceback" not in result.output
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before


@needs_reader
def test_a_failed_write_keeps_the_old_file_and_leaves_no_debris(
        files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "b.md"
    out.write_text("old", encoding="utf-8")

    def disk_full(*_: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    result = runner.invoke(app, ["report", str(files["june"]), "--plan", str(files["plan"]),
                                 "-o", str(out), "--force"])
    assert result.exit_code == 2 and "No space left" in result.stderr
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.md", "june.csv", "may.csv",
                                                           "plan.yaml"]


# ── trends ──────────────────────────────────────────────────────────────────────────────────────

def test_sparkline_scales_to_the_target() -> None:
    assert sparkline([0, 225, 450], 450) == "▁▅█"
    assert sparkline([10, 20], None) == "▅█"
    assert sparkline([900], 450) == "█" and sparkline([], 10) == ""


def test_trends_only_for_indicators_reported_more_than_once(small_plan: Plan) -> None:
    found = trends(small_plan, frame(JUNE), dt.date(2023, 6, 30))
    assert found == {PILES: sparkline([70, 110, 180], 450)}


def test_check_table_shows_the_trend(small_plan: Plan) -> None:
    import io

    from minsheng_cli.outputs.check import table

    result = evaluate(small_plan, frame(JUNE), dt.date(2023, 6, 30))
    add_trends(result, frame(JUNE))
    stream = io.StringIO()
    table(result, stream, "zh")
    text = stream.getvalue()
    assert "走势" in text and sparkline([70, 110, 180], 450) in text


# ── helpers ─────────────────────────────────────────────────────────────────────────────────────

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "wbr"}


class Tags(HTMLParser):
    """What a browser would see: element names, attributes, text, and text by element id."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.count: Counter[str] = Counter()
        self.attributes: list[tuple[str, str]] = []
        self.by_id: dict[str, str] = {}
        self._open: list[str | None] = []
        self.parts: list[str] = []

    @classmethod
    def of(cls, text: str) -> Tags:
        parser = cls()
        parser.feed(text)
        parser.close()
        return parser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.count[tag] += 1
        self.attributes += [(k, v or "") for k, v in attrs]
        if tag not in VOID:
            self._open.append(dict(attrs).get("id"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.count[tag] += 1
        self.attributes += [(k, v or "") for k, v in attrs]

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        if self._open and self._open[-1]:
            key = self._open[-1]
            self.by_id[key] = self.by_id.get(key, "") + data

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def text_of(self, element_id: str) -> str:
        return self.by_id.get(element_id, "").strip()


def test_tags_helper_reads_ids() -> None:
    tags = Tags.of('<p id="p"><br><b id="x">4</b> <i>y</i><br/></p>')
    assert tags.text_of("x") == "4" and tags.text == "4 y" and tags.count["br"] == 2


def test_the_bulletin_shows_how_due_dates_were_read() -> None:
    # every checkpoint whose date is a reading of the text (due_reading) is listed, with its date
    from minsheng_cli.plan.load import load_plan

    plan = load_plan()
    readings = [(cp.due, cp.due_reading) for _, ind in plan.indicators()
                for cp in ind.checkpoints if cp.due_reading]
    result = runner.invoke(app, ["report", str(ROOT / "examples" / "2023-09-towns.csv")])
    assert readings and "节点日期的理解" in result.stdout
    assert all(due.isoformat() in result.stdout for due, _ in readings)
    assert "10月前" in result.stdout


def test_a_bad_previous_file_is_refused_with_the_current_warnings_counted(tmp_path: Path) -> None:
    from conftest import located_lines

    bad = tmp_path / "上期.csv"
    bad.write_text("指标编号,截至日期,累计完成\np1.cancer_screening,2023-06-30,约1180\n"
                   "p1.cancer_screening,2023-07-31,约1200\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(EXAMPLES / "inbox" / "2023-09"), "--previous",
                                 str(bad), "-o", str(tmp_path / "b.html")])
    assert result.exit_code == 2 and not (tmp_path / "b.html").exists()
    lines = located_lines(result.stderr)  # checks the count line against every line above it
    assert [line["code"] for line in lines].count("bad-number") == 2
    assert any(line["tag"] for line in lines)  # the current inbox's warnings, counted too
    assert "条警告" in result.stderr.strip().splitlines()[-1]
