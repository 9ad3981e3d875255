"""The 通报 (.docx) and the summary workbook (.xlsx): read back with python-docx and openpyxl.

The example's document is compared with `check --format json` on the same input: the counts and
shares in the prose, and every row of the attachment table. The small plan (conftest) gives
hand-computed prose; ranking and missing units are filled in by hand, as the per-unit engine
will fill them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, reports, small_plan_data
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.engine.policy import Light, LightPolicy
from minsheng_cli.engine.statuses import Status, status_label
from minsheng_cli.outputs.bulletin import (
    Bulletin,
    MissingUnit,
    RankRow,
    build_bulletin,
    is_rounded,
    rounded,
    share,
    stated,
)
from minsheng_cli.outputs.gongwen import OfficialDocument, paragraph_text
from minsheng_cli.outputs.report import RENDERERS
from minsheng_cli.outputs.tongbao import build_document, render_docx
from minsheng_cli.outputs.tongbao_problems import item_text
from minsheng_cli.plan.model import Plan

docx = pytest.importorskip("docx")
from docx.enum.section import WD_ORIENT  # noqa: E402  (after the importorskip)
from docx.oxml.ns import qn  # noqa: E402

runner = CliRunner()
EXAMPLE = ROOT / "examples" / "2023-09-towns.csv"
PILES, MEETING, ACCIDENTS = "p10.charging_piles", "p10.meeting", "p10.accidents"
AUG = dt.date(2023, 8, 31)


def _texts(section: Any) -> list[str]:
    """Every paragraph of a model section and its subsections, as plain text."""
    out = [paragraph_text(p) for p in section.paragraphs]
    for sub in section.subsections:
        out += [sub.heading, *_texts(sub)]
    return out


def _body(doc: OfficialDocument) -> str:
    return "\n".join(t for s in doc.sections for t in [s.heading, *_texts(s)])


# ── the small plan, by hand ─────────────────────────────────────────────────────────────────────

@pytest.fixture
def august(small_plan: Plan) -> Bulletin:
    """31 August: piles 200 since June (the schedule asks 294.35: at risk, 21.0 points behind,
    yellow since July → a 督办函), the meeting held (done), accidents 4 (under the cap's line:
    on track), the rate not due."""
    rows = reports((PILES, "2023-06-30", 200, "区科工信局"), (MEETING, "2023-03-20", 1, "区科工信局"),
                   (ACCIDENTS, "2023-06-30", 4, "区公安局"))
    return build_bulletin(small_plan, rows, AUG)


def test_overall_prose_counts_and_shares(august: Bulletin) -> None:
    first, lights = _texts(build_document(august).sections[0])  # one project: no comparison
    assert first == ("截至2023年8月31日，全区民生实事1个项目4项指标中，已完成1项，占25%；"
                     "按计划推进1项，占25%；滞后序时进度1项，占25%；未到节点1项，占25%。")
    assert lights == "按亮灯规则，绿灯2项、黄灯1项、红灯0项，未到节点的1项不亮灯。"


def test_problems_name_the_item_its_unit_and_leader(august: Bulletin) -> None:
    body = _body(build_document(august))
    assert "（一）部分指标进度滞后" in body
    assert ("10.交通（牵头单位：区科工信局；分管领导：张文杰）。黄灯1项：充电桩累计完成200个，"
            "序时应完成约294个，滞后序时进度21个百分点。") in body
    assert "（二）" not in body  # no ranking and no missing units: those parts are left out


def test_the_escalation_list_says_what_and_to_whom(august: Bulletin) -> None:
    text = _texts(build_document(august).sections[2])
    assert "四是严格督办问责。对连续2期及以上亮黄灯（含红灯）的1项指标，向牵头单位发督办函。具体如下：" in text
    assert "向区科工信局发督办函（分管领导：张文杰），涉及：充电桩（连续2期黄灯）。" in text


def test_figures_are_written_as_a_person_writes_them() -> None:
    # with the target's decimals, as check writes them: 341.31 km of 404.65, 362.5 (not 362.50)
    assert rounded(341.3082, 353.3, 404.65) == "341.31" and rounded(362.5, 361.5, 404.65) == "362.5"
    assert rounded(199.4565, None, 371) == "199" and is_rounded(341.3082, None, 404.65)
    assert rounded(199.4565) == "199" and is_rounded(199.4565)
    assert rounded(2.748) == "2.7" and rounded(62729.5082) == "62730" and rounded(None) == "—"
    assert not is_rounded(200.0) and stated(404.65) == "404.65" and stated(320.79999999) == "320.8"
    assert share(35, 84) == "41.7%" and share(21, 84) == "25%" and share(1, 0) == "—"


def test_ranking_and_missing_units_are_named_and_attached(august: Bulletin) -> None:
    ranked = dataclasses.replace(august, ranking=[
        RankRow(1, "荔城街道", "town", 96.5, {Status.done: 3, Status.on_track: 1}),
        RankRow(2, "新塘镇", "town", 80.0, {Status.done: 2, Status.at_risk: 1}),
        RankRow(2, "石滩镇", "town", 80.0, {Status.done: 2, Status.overdue: 1}),
    ], missing=[MissingUnit("派潭镇", [PILES], "2023-07"), MissingUnit("区公安局", ["p10.rate"], None)])
    doc = build_document(ranked)
    body = _body(doc)
    assert "（二）部分镇街推进滞后" in body and "（三）部分单位未按时报送" in body
    assert "2个镇街有逾期、未报送或滞后的指标（排名见附件2）：新塘镇（滞后序时进度1项）；石滩镇（逾期未完成1项）。" in body
    assert "派潭镇（未报送充电桩；最近报送：2023年7月）；区公安局（未报送完好率；本年度未报送）" in body
    assert [a.title for a in doc.attachments][1:] == ["镇街推进情况排名", "未按时报送单位名单"]
    ranking = doc.attachments[1].tables[0]
    assert ranking.rows[2][:3] == ("2", "石滩镇", "80") and ranking.rows[2][6] == "1"
    empty = build_document(dataclasses.replace(august, ranking=[], missing=[]))
    assert "（二）镇街推进情况\n无。" in _body(empty) and "（三）数据报送情况\n无。" in _body(empty)
    assert [a.paragraphs for a in empty.attachments[1:]] == [("无。",), ("无。",)]



def test_a_unit_that_sent_part_of_its_items_is_named_after_those_that_sent_nothing(
        august: Bulletin) -> None:
    both = dataclasses.replace(august, missing=[
        MissingUnit("派潭镇", [PILES], "2023-07"),
        MissingUnit("区公安局", [ACCIDENTS], "2023-08", partial=True)])
    body = _body(build_document(both))
    assert ("1个单位未按时报送本期进度（名单见附件2）：派潭镇（未报送充电桩；最近报送：2023年7月）。"
            "另有1个单位本期只报送了部分指标：区公安局（未报送事故）。") in body
    rows = build_document(both).attachments[1].tables[0].rows
    assert rows[1][1:] == ("区公安局", "事故", "2023年8月\n（其他指标）")
    alone = _body(build_document(dataclasses.replace(both, missing=both.missing[1:])))
    assert "1个单位本期只报送了部分指标（名单见附件2）：区公安局（未报送事故）。" in alone


def test_every_unreported_item_of_the_table_names_a_unit_in_the_list(tmp_path: Path) -> None:
    # the September inbox: 区人力资源和社会保障局 sent its file without 增城小吃's standard, and
    # 区市场监督管理局 without the elevators' preparation: both items 未报送 in 附件1
    out = tmp_path / "通报.docx"
    result = runner.invoke(app, ["report", str(ROOT / "examples" / "inbox" / "2023-09"), "-o",
                                 str(out)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    table, listed = document.tables[0], document.tables[-1]
    names = [r.cells[2].text for r in table.rows[1:]]
    owed: dict[str, set[str]] = {}  # indicator name → the units listed as owing it
    for row in listed.rows[1:]:
        unit, items = row.cells[1].text, row.cells[2].text
        for name in [n for n in names if n in items]:
            owed.setdefault(name, set()).add(unit)
    unreported = [(r.cells[2].text, r.cells[10].text) for r in table.rows[1:]
                  if r.cells[8].text == "未报送"]
    assert unreported
    for name, leads in unreported:
        assert owed.get(name, set()) & set(leads.split("、")), (name, owed.get(name))
    units = [r.cells[1].text for r in listed.rows[1:]]
    assert "区人力资源和社会保障局" in units and "区市场监督管理局" in units
    assert units.index("小楼镇") < units.index("区人力资源和社会保障局")  # silent ones first

def test_changes_since_the_previous_round(small_plan: Plan) -> None:
    old = reports((PILES, "2023-03-31", 70, "区科工信局"), (MEETING, "2023-03-20", 1, "区科工信局"),
                  (ACCIDENTS, "2023-06-30", 4, "区公安局"))
    new = reports((PILES, "2023-08-31", 340, "区科工信局"), (MEETING, "2023-03-20", 1, "区科工信局"),
                  (ACCIDENTS, "2023-06-30", 4, "区公安局"))
    b = build_bulletin(small_plan, new, AUG, previous=old, previous_as_of=dt.date(2023, 7, 31))
    # July: piles 70 < June's 200: overdue. August: 340 ≥ 294.35: on track — better.
    assert _texts(build_document(b).sections[0])[-1] == (
        "与上期（2023年7月31日）相比，1项指标状态发生变化（状态好转1项）。")


def test_item_sentences_for_each_kind_of_lag(august: Bulletin) -> None:
    piles = august.line(PILES)
    overdue = dataclasses.replace(piles, status=Status.overdue, actual=180.0,
                                  last_due=dt.date(2023, 6, 30), last_due_target=200.0)
    assert item_text(overdue) == "充电桩应于6月30日前累计完成200个，实际180个，逾期未完成"
    silent = dataclasses.replace(overdue, status=Status.no_report, actual=None)
    assert item_text(silent) == "充电桩（应于6月30日前累计完成200个）未报送进度"
    meeting = dataclasses.replace(august.line(MEETING), status=Status.overdue, actual=0.0,
                                  last_due=dt.date(2023, 3, 31))
    assert item_text(meeting) == "专题会议应于3月31日前完成，逾期未完成"


# ── the example, against `check --format json` ──────────────────────────────────────────────────

@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("tongbao") / "通报.docx"
    result = runner.invoke(app, ["report", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    checked = runner.invoke(app, ["check", str(EXAMPLE), "--format", "json"])
    assert checked.exit_code in (0, 1), checked.output
    return {"path": out, "doc": docx.Document(str(out)), "records": json.loads(checked.stdout)}


def _headings(document: Any) -> list[tuple[str, str]]:
    """(East Asian font, text) of each heading: 黑体 for 一、, 楷体 for （一）."""
    out = []
    for p in document.paragraphs:
        runs = p.runs
        if runs and runs[0]._r.rPr is not None:
            font = runs[0]._r.rPr.rFonts.get(qn("w:eastAsia"))
            if font in {"黑体", "楷体_GB2312"}:
                out.append((font, p.text))
    return out


def test_the_document_reads_as_a_tongbao(example: dict[str, Any]) -> None:
    document = example["doc"]
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[0] == "关于2023年9月份民生十大实事\n推进情况的通报"
    assert texts[1] == "各镇政府、街道办事处、区政府各部门、各直属机构、开发区各部门："
    assert "特此通报。" in texts and texts.index("广州市增城区人民政府办公室") + 1 == texts.index("2023年9月30日")
    heads = _headings(document)
    assert [t for f, t in heads if f == "黑体"][:3] == ["一、总体情况", "二、存在问题", "三、下步工作要求"]
    assert ("楷体_GB2312", "（一）部分指标进度滞后") in heads
    assert document.sections[0].orientation == WD_ORIENT.PORTRAIT
    # 附件1, the indicator table, is landscape; 附件2 and 3 (ranking, missing units) portrait
    orientations = [section.orientation for section in document.sections]
    assert WD_ORIENT.LANDSCAPE in orientations[1:] and orientations[-1] == WD_ORIENT.PORTRAIT
    assert any("镇街推进情况排名" in p.text for p in document.paragraphs)


def test_the_prose_figures_equal_check_json(example: dict[str, Any]) -> None:
    records = example["records"]
    counts = {s: sum(r["status"] == s.value for r in records) for s in Status}
    first = next(p.text for p in example["doc"].paragraphs if p.text.startswith("截至"))
    assert f"全区民生十大实事10个项目{len(records)}项指标中" in first
    for status, n in counts.items():
        label = status_label(status, "zh")
        found = re.search(f"{label}(\\d+)项，占([\\d.]+)%", first)
        if n == 0:
            assert found is None
            continue
        assert found is not None, label
        assert int(found.group(1)) == n
        assert float(found.group(2)) == round(n / len(records) * 100, 1)
    for text in (p.text for p in example["doc"].paragraphs):
        assert not re.search(r"应完成约?\d+\.\d{2}", text), text  # required figures are rounded


def test_the_attachment_table_equals_check_json(example: dict[str, Any]) -> None:
    from minsheng_cli.actuals import load_actuals
    from minsheng_cli.engine.evaluate import evaluate
    from minsheng_cli.engine.lights import add_lights
    from minsheng_cli.outputs.check_text import required_figure
    from minsheng_cli.plan.load import embedded_plan_path, validate_file

    table = example["doc"].tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["序号", "项目", "指标"] and header[-3:] == ["状态", "亮灯", "牵头单位"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    records = example["records"]
    assert len(rows) == len(records)
    plan, _ = validate_file(embedded_plan_path())
    assert plan is not None
    report = evaluate(plan, load_actuals(EXAMPLE, plan).frame, dt.date.fromisoformat(records[0]["as_of"]))
    add_lights(report)
    light = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", None: "—"}
    for row, record, lit in zip(rows, records, report.results["light"], strict=True):
        # every row names its project: on a continuation page too
        assert row[1].split(".", 1)[0] == str(record["project"]) and row[1].split(".", 1)[1]
        assert row[2] == record["name"] and row[3] == record["unit"]
        assert row[4] == stated(record["target"]) and row[6] == stated(record["actual"])
        # the figure check's table writes, without its separators and trailing zeros
        assert float(row[5]) == float(required_figure(record["required"], record["target"],
                                                      record["actual"]).replace(",", ""))
        assert row[8] == record["status_label"] and row[9] == light[lit]
        assert row[10] == "、".join(record["lead_units"])


def test_body_text_names_its_east_asian_font(example: dict[str, Any]) -> None:
    first = next(p for p in example["doc"].paragraphs if p.text.startswith("截至"))
    assert {r._r.rPr.rFonts.get(qn("w:eastAsia")) for r in first.runs} == {"仿宋_GB2312"}


def test_docx_is_refused_in_english_and_the_suffixes_are_known(tmp_path: Path) -> None:
    assert {"docx", "xlsx"} <= set(RENDERERS)
    result = runner.invoke(app, ["report", str(EXAMPLE), "--lang", "en", "-o",
                                 str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "Chinese" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_renders_with_libreoffice(example: dict[str, Any], tmp_path: Path) -> None:
    from test_gongwen import render_pdf

    pdf = render_pdf(example["path"], tmp_path)
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = ["".join(page.split()) for page in text.split("\f") if page.strip()]
    assert pages[0].startswith("关于2023年9月份民生十大实事推进情况的通报")
    assert "一、总体情况" in pages[0] and "—1—" in pages[0]
    assert any(page.startswith("附件") for page in pages[1:]) and len(pages) > 4


# ── the workbook ────────────────────────────────────────────────────────────────────────────────

def _book(bulletin: Bulletin) -> Any:
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(RENDERERS["xlsx"](bulletin)))


def test_the_workbook_has_its_sheets_frozen_and_coloured(august: Bulletin) -> None:
    book = _book(dataclasses.replace(august, ranking=[
        RankRow(1, "荔城街道", "town", 96.5, {Status.done: 3})], missing=[]))
    assert book.sheetnames == ["全区指标", "镇街排名", "未报送单位"]
    district = book["全区指标"]
    assert district.freeze_panes == "A2" and district.column_dimensions["D"].width == 40
    rows = {r[2]: r for r in district.iter_rows(min_row=2, values_only=True) if r[2]}
    assert rows[PILES][5:10] == ("滞后序时进度", "黄灯", 200, 294.3478, 450)  # to 4 decimals
    assert rows["p10.rate"][6] == "未亮灯"
    fill = next(c for c in district["G"] if c.value == "黄灯").fill.fgColor.rgb
    assert fill.endswith("FFEB9C")
    assert book["镇街排名"]["B2"].value == "荔城街道" and book["未报送单位"]["A2"].value == "无"
    assert _book(august).sheetnames == ["全区指标"]  # no ranking, no missing units: no sheets


def test_the_workbook_is_formula_safe() -> None:
    data = small_plan_data()
    data["projects"][0]["indicators"][0]["name"]["zh"] = "=HYPERLINK(\"http://x\",\"y\")"
    data["projects"][0]["lead_units"] = ["+cmd|' /C calc'!A0"]
    plan = Plan.model_validate(data)
    b = build_bulletin(plan, reports((PILES, "2023-06-30", 200, "x")), AUG)
    b = dataclasses.replace(b, missing=[MissingUnit("@SUM(1+1)", ["-1"], None)])
    book = _book(b)
    values = [c.value for ws in book for row in ws.iter_rows() for c in row
              if isinstance(c.value, str)]
    assert "'=HYPERLINK(\"http://x\",\"y\")" in values and "'@SUM(1+1)" in values
    assert not [v for v in values if v[0] in "=+-@"]


def test_report_writes_the_workbook(tmp_path: Path) -> None:
    out = tmp_path / "summary.xlsx"
    result = runner.invoke(app, ["report", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    sheet = load_workbook(out)["全区指标"]
    assert sheet.max_row >= 85 and sheet["A1"].value == "序号"


def test_render_docx_is_bytes_of_a_zip(august: Bulletin) -> None:
    data = render_docx(august)
    assert data[:2] == b"PK" and docx.Document(io.BytesIO(data)).paragraphs


def test_light_policy_reaches_the_document(small_plan: Plan) -> None:
    rows = reports((PILES, "2023-06-30", 200, "区科工信局"), (MEETING, "2023-03-20", 1, "区科工信局"),
                   (ACCIDENTS, "2023-06-30", 4, "区公安局"))
    b = build_bulletin(small_plan, rows, AUG, policy=LightPolicy(red=20))
    assert b.line(PILES).light is Light.red and b.escalations[0].action.value == "interview"
    # July (200 − 247.17) / 450 = −10.5 points: yellow; August −21: red (from 20), said both
    assert "约谈区科工信局主要负责人（分管领导：张文杰），涉及：充电桩（近2期分别为黄灯、红灯）。" in _body(build_document(b))


def _write_picture(docs: Path) -> None:
    """Render the example's 通报 and save its first page as docs/tongbao.png."""
    import tempfile

    from test_gongwen import render_pdf

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "tongbao.docx"
        result = runner.invoke(app, ["report", str(EXAMPLE), "-o", str(source)])
        assert result.exit_code == 0, result.output
        pdf = render_pdf(source, work)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(docs / "tongbao")], check=True)


if __name__ == "__main__":  # python tests/test_tongbao.py: redraw docs/tongbao.png
    _write_picture(ROOT / "docs")


# ── the HTML and Markdown bulletins (issue 12.4) ────────────────────────────────────────────────

def test_html_lists_the_yellow_items_with_lights_rounded_figures_and_whole_names(
        august: Bulletin) -> None:
    from html.parser import HTMLParser

    from minsheng_cli.outputs.html import render_html

    page = render_html(august)
    attention = page.split('id="attention"')[1].split("</section>")[0]
    assert "逾期及未报送事项、进度滞后事项" in attention and "序时应完成" in attention
    assert 'data-status="at_risk"' in attention and 'data-light="yellow"' in attention
    assert ">294<" in attention and "294.35" not in page  # rounded as a person writes it
    assert '<span class="nowrap">张文杰</span>' in attention and ".nowrap { white-space: nowrap; }" in page
    assert "亮灯规则" in attention

    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

    Text().feed(page)
    assert PILES not in "".join(parts)  # ids only in attributes (a tooltip), not read


def test_markdown_rounds_what_the_schedule_requires(august: Bulletin) -> None:
    from minsheng_cli.outputs.markdown import render_markdown

    text = render_markdown(august)
    assert "## 逾期及未报送事项、进度滞后事项" in text and "| 黄灯 |" in text
    assert "| 294 |" in text and "294.35" not in text


def test_the_ranking_sheet_says_town_or_street_in_words(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    inbox = Path(__file__).resolve().parent.parent / "examples" / "inbox" / "2023-09"
    out = tmp_path / "summary.xlsx"
    result = runner.invoke(app, ["report", str(inbox), "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    sheet = load_workbook(out)["镇街排名"]
    heads = [c.value for c in sheet[1]]
    kinds = {row[heads.index("类别")]: row[heads.index("单位")]
             for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] is not None}
    assert set(kinds) == {"镇", "街道"}
    assert kinds["街道"].endswith("街道") and kinds["镇"].endswith("镇")


def test_the_attachments_figures_fit_their_columns_in_a_font_of_wide_digits() -> None:
    # On a machine without 仿宋_GB2312 the fallback's digits are ~0.64 em (DejaVu Sans: 2.7 mm
    # at 小四), a point 0.32 em and % 0.95 em: at 15 mm LibreOffice broke 15000 as 1500/0 and 100% as 100/%.
    from minsheng_cli import load_plan
    from minsheng_cli.actuals.inbox import load_inputs
    from minsheng_cli.outputs.tongbao_tables import INDICATOR_COLUMNS, indicator_table

    plan = load_plan()
    frame = load_inputs([ROOT / "examples" / "inbox" / "2023-09"], plan).frame
    table = indicator_table(build_bulletin(plan, frame))
    mm_per_pt = 25.4 / 72
    for c, (head, width) in enumerate(INDICATOR_COLUMNS):
        if head.replace("\n", "") not in ("年度目标", "序时应完成", "累计完成", "进度"):
            continue
        em = {"%": 0.95, ".": 0.32, ",": 0.32}  # else a digit's 0.64
        widest = max(sum(em.get(ch, 0.64) * 12 * mm_per_pt for ch in row[c])
                     for row in table.rows)
        assert widest + 2 <= width, (head, widest)  # 1 mm of cell margin each side


def test_each_unit_is_summoned_once_and_the_letters_are_the_rest() -> None:
    # (audit) 区市场监督管理局 was to be interviewed twice, with different leaders, and "对连续2期
    # 及以上亮黄灯（含红灯）的1项指标" ignored the interviewed items that also met it
    from minsheng_cli import load_plan
    from minsheng_cli.actuals.inbox import load_inputs

    plan = load_plan()
    frame = load_inputs([ROOT / "examples" / "inbox" / "2023-09"], plan).frame
    body = _body(build_document(build_bulletin(plan, frame)))
    summoned = re.findall(r"^约谈(\S+?)主要负责人", body, re.MULTILINE)
    assert summoned and len(summoned) == len(set(summoned))
    assert "对其余连续2期及以上亮黄灯（含红灯）的" in body
    assert "药品抽检（近2期分别为黄灯、红灯）" in body  # yellow in August, red now


@pytest.mark.parametrize(("value", "digits", "shown"), [
    (81.25, 1, 81.3), (93.75, 1, 93.8), (98.5, 0, 99.0), (2.675, 2, 2.68), (0.5, 0, 1.0),
    (-2.5, 0, -3.0), (12.0, 1, 12.0),
])
def test_figures_are_rounded_as_people_round(value: float, digits: int, shown: float) -> None:
    # (audit) 永宁街道 81.25 printed 81.2 beside 仙村镇's 93.75 as 93.8; 98.5% as 98%
    from minsheng_cli.outputs.bulletin import points, share
    from minsheng_cli.outputs.rounding import half_up

    assert half_up(value, digits) == shown
    assert points(81.25) == "81.3" and share(985, 1000) == "98.5%" and share(1, 8) == "12.5%"


def test_the_changes_since_the_last_bulletin_add_up() -> None:
    # (audit) "32项指标状态发生变化（新增完成12项、状态好转4项、状态变差13项）" made 29: three items
    # come due on schedule (未到节点 → 按计划推进) were neither
    from minsheng_cli import load_plan
    from minsheng_cli.actuals.inbox import load_inputs

    plan = load_plan()
    now = load_inputs([ROOT / "examples" / "inbox" / "2023-09"], plan).frame
    before = load_inputs([ROOT / "examples" / "2023-06-lead-units.csv"], plan).frame
    body = _body(build_document(build_bulletin(plan, now, previous=before)))
    sentence = re.search(r"(\d+)项指标状态发生变化（([^）]+)）", body)
    assert sentence is not None
    parts = [int(n) for n in re.findall(r"(\d+)项", sentence[2])]
    assert sum(parts) == int(sentence[1]) and "由未到节点转为按计划推进" in sentence[2]


def test_the_projects_with_more_red_are_those_of_two_or_more_ties_included() -> None:
    from minsheng_cli import load_plan
    from minsheng_cli.actuals.inbox import load_inputs

    plan = load_plan()
    frame = load_inputs([ROOT / "examples" / "inbox" / "2023-09"], plan).frame
    body = _body(build_document(build_bulletin(plan, frame)))
    [named] = re.findall(r"红灯指标较多的是([^。]+)。", body)
    counts = [int(n) for n in re.findall(r"（(\d+)项）", named)]
    assert counts == sorted(counts, reverse=True) and min(counts) >= 2
    assert "教育（2项）" in named and "公共安全：夯实公共安全基础（2项）" in named  # tied third


def test_report_warns_of_what_check_warns(tmp_path: Path) -> None:
    # the units that sent nothing this round, and a total beside its shares: said by report too
    inbox = ROOT / "examples" / "inbox" / "2023-09"
    result = runner.invoke(app, ["report", str(inbox), "-o", str(tmp_path / "通报.docx")])
    checked = runner.invoke(app, ["check", str(inbox)])
    assert result.exit_code == 0, result.output
    for code in ("missing-report", "duplicate-report"):
        assert f"[{code}]" in result.stderr and f"[{code}]" in checked.stderr
    towns = runner.invoke(app, ["report", str(EXAMPLE), "-o", str(tmp_path / "b.md")])
    assert "[total-mismatch]" in towns.stderr  # the bureau's 320 piles beside the towns' 318


def test_a_growing_rate_is_written_about_its_rounded_requirement() -> None:
    data = small_plan_data()
    data["projects"][0]["indicators"].append({
        "id": "p10.progress", "name": {"zh": "工程进度", "en": "Works progress"},
        "unit": {"zh": "%", "en": "%"}, "kind": "rate", "pace": "line",
        "checkpoints": [{"due": "2023-09", "target": 80, "source": "完成工程进度80%"},
                        {"due": "2023-12", "target": 100, "source": "完成"}]})
    plan = Plan.model_validate(data)
    b = build_bulletin(plan, reports(("p10.progress", "2023-10-31", 81, "区交通运输局")),
                       dt.date(2023, 10, 31), policy=LightPolicy(yellow=3))
    line = next(x for x in b.lines if x.id == "p10.progress")
    # 80 + 20 × 31 / 92 = 86.74 required: about 87, not an exact 87
    assert item_text(line) == "工程进度为81%，应达到约87%，滞后序时进度5.7个百分点"


def test_the_date_of_issue_is_given_with_date(tmp_path: Path) -> None:
    out = tmp_path / "通报.docx"
    result = runner.invoke(app, ["report", str(EXAMPLE), "-o", str(out), "--date", "2023-10-08"])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "2023年10月8日" in texts and "2023年9月30日" not in texts  # 成文日期, not the as-of date
    assert any(t.startswith("截至2023年9月30日") for t in texts)  # the figures' date stays
    bad = runner.invoke(app, ["report", str(EXAMPLE), "-o", str(out), "--force", "--date", "10月8日"])
    assert bad.exit_code == 2 and "--date" in bad.stderr
