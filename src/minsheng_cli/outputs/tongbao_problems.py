"""The 通报's 二、存在问题: the lagging items per project with their lead units and leaders,
the lagging towns, the units that did not report (tongbao.py builds the rest)."""

from __future__ import annotations

from collections.abc import Iterable

from ..engine.policy import LIGHT_LOOKS, Light
from ..engine.statuses import LOOKS, Status
from .bulletin import Bulletin, Line, MissingUnit, RankRow, is_rounded, points, rounded
from .gongwen import Paragraph, Run, Section
from .tongbao import NUMERALS, _amount, _day, _short_names, round_zh


def item_text(x: Line) -> str:
    """One lagging indicator in a sentence: what was due, what was done, how far behind."""
    cap = x.direction == "at_most"
    if x.status is Status.no_report:
        due = f"应于{_day(x.last_due)}前" + ("完成" if x.kind == "event" else
                                            f"累计完成{_amount(x.last_due_target, x.unit)}")
        return f"{x.name}（{due}）未报送进度"
    if x.status is Status.overdue:
        if x.kind == "event":
            return f"{x.name}应于{_day(x.last_due)}前完成，逾期未完成"
        verb = "累计不超过" if cap else ("达到" if x.kind == "rate" else "累计完成")
        return (f"{x.name}应于{_day(x.last_due)}前{verb}{_amount(x.last_due_target, x.unit)}，"
                f"实际{_amount(x.actual, x.unit)}，逾期未完成")
    about = "约" if is_rounded(x.required, x.actual, x.target) else ""
    behind_by = points(abs(x.gap_pp)) if x.gap_pp else ""
    gap = f"，滞后序时进度{'不足0.1' if behind_by == '0' else behind_by}个百分点" if x.gap_pp else ""
    if x.kind == "rate":
        return (f"{x.name}为{_amount(x.actual, x.unit)}，应达到{about}"
                f"{rounded(x.required, x.actual, x.target)}{x.unit}{gap}")  # 约: a growing rate's
    limit = "序时上限" if cap else "序时应完成"
    return (f"{x.name}累计完成{_amount(x.actual, x.unit)}，{limit}{about}"
            f"{rounded(x.required, x.actual, x.target)}{x.unit}{gap}")


def _people(units: Iterable[str], leaders: Iterable[str]) -> str:
    return f"（牵头单位：{'、'.join(units)}；分管领导：{'、'.join(leaders)}）"


def lagging_items(bulletin: Bulletin) -> Section:
    b = bulletin
    names = _short_names(b)
    lit = [x for x in b.lines if x.light in (Light.red, Light.yellow)]
    if not lit:
        return Section("（一）指标推进情况", paragraphs=("各项指标均按序时进度推进，无红灯、黄灯指标。",))
    counts = b.light_counts
    paragraphs: list[Paragraph] = [
        (f"对照序时进度，全区亮红灯{counts[Light.red]}项、黄灯{counts[Light.yellow]}项，涉及"
         f"{len({x.project for x in lit})}个项目。")]
    for section in b.sections:
        red = [x for x in section.lines if x.light is Light.red]
        yellow = [x for x in section.lines if x.light is Light.yellow]
        if not red and not yellow:
            continue
        text = [Run(f"{section.number}.{names[section.number]}", bold=True),
                Run(_people(section.lead_units, section.leaders) + "。")]
        for light, items in ((Light.red, red), (Light.yellow, yellow)):
            if items:
                text.append(Run(f"{LIGHT_LOOKS[light].zh}{len(items)}项："
                                + "；".join(item_text(x) for x in items) + "。"))
        paragraphs.append(tuple(text))
    return Section("（一）部分指标进度滞后", paragraphs=tuple(paragraphs))


def _lagging(row: RankRow) -> str:
    bad = [(s, row.counts.get(s, 0)) for s in (Status.overdue, Status.no_report, Status.at_risk)]
    return "、".join(f"{LOOKS[s].zh}{n}项" for s, n in bad if n)


def towns(bulletin: Bulletin, attachment: int | None) -> Section:
    ranking = bulletin.ranking or []
    if not ranking:
        return Section("（二）镇街推进情况", paragraphs=("无。",))
    lagging = [row for row in ranking if _lagging(row)]
    where = f"（排名见附件{attachment}）" if attachment else ""
    if not lagging:
        text = f"{len(ranking)}个镇街承担的指标均按序时推进{where}。"
    else:
        worst = sorted(lagging, key=lambda row: (-row.rank, row.unit))
        text = (f"{len(lagging)}个镇街有逾期、未报送或滞后的指标{where}："
                + "；".join(f"{row.unit}（{_lagging(row)}）" for row in worst) + "。")
    last = [row for row in ranking if row.rank == max(r.rank for r in ranking)]
    if len(ranking) > 3 and len(last) < len(ranking):
        text += f"排名末位的是{'、'.join(row.unit for row in last)}。"
    return Section("（二）部分镇街推进滞后", paragraphs=(text,))


def _owes(bulletin: Bulletin, unit: MissingUnit) -> str:
    names = {x.id: x.name for x in bulletin.lines}
    owed = "、".join(names.get(item, item) for item in unit.owes)
    if unit.partial:  # it reported other items this round
        return f"{unit.unit}（未报送{owed}）"
    last = f"最近报送：{round_zh(unit.last_round)}" if unit.last_round else "本年度未报送"
    return f"{unit.unit}（未报送{owed}；{last}）"


def missing(bulletin: Bulletin, attachment: int | None) -> Section:
    units = bulletin.missing or []
    if not units:
        return Section("（三）数据报送情况", paragraphs=("无。",))
    where = f"（名单见附件{attachment}）" if attachment else ""
    silent = [u for u in units if not u.partial]
    partly = [u for u in units if u.partial]
    text = ""
    if silent:
        text = (f"{len(silent)}个单位未按时报送本期进度{where}："
                + "；".join(_owes(bulletin, u) for u in silent) + "。")
    if partly:  # an item 未报送 in the table names a unit here, though it sent other items
        text += (f"{'另有' if silent else ''}{len(partly)}个单位本期只报送了部分指标"
                 f"{'' if silent else where}：" + "；".join(_owes(bulletin, u) for u in partly)
                 + "。")
    return Section("（三）部分单位未按时报送", paragraphs=(text,))


def problems(bulletin: Bulletin, attachments: dict[str, int]) -> Section:
    parts = [lagging_items(bulletin)]
    if bulletin.ranking is not None:
        parts.append(towns(bulletin, attachments.get("ranking")))
    if bulletin.missing is not None:
        parts.append(missing(bulletin, attachments.get("missing")))
    numbered = tuple(Section(f"（{NUMERALS[i]}）" + p.heading.split("）", 1)[1], p.paragraphs)
                     for i, p in enumerate(parts))
    return Section("二、存在问题", subsections=numbered)
