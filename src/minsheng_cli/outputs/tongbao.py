"""The bulletin as the office issues it: a 通报 (`gongwen.OfficialDocument`) built from the
`Bulletin` content model — title, 主送, 一、总体情况 / 二、存在问题 / 三、下步工作要求 in prose,
特此通报, and the tables as attachments. Every figure comes from the bulletin, rounded as a person
writes it (41.7%, 约199场); nothing here evaluates anything.

The document is Chinese: it is a Chinese official form. python-docx is imported only by
`gongwen.write_docx`, when a document is written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import TYPE_CHECKING

from ..engine.policy import ACTION_LABELS, LIGHT_LOOKS, Action, Light
from ..engine.statuses import LOOKS, SHOWN, Status
from .bulletin import (
    Bulletin,
    share,
    stated,
)
from .gongwen import OfficialDocument, Paragraph, Run, Section, chinese_date

if TYPE_CHECKING:
    from ..engine.lights import Escalation

# 主送机关: the addressees of the notice that issued the 2023 plan (the seed's
# "各镇政府、街道办事处、区政府各部门、各直属机构、开发区各部门:"), who are the ones the bulletin
# reports on. The plan does not carry them yet.
ADDRESSEES = "各镇政府、街道办事处、区政府各部门、各直属机构、开发区各部门"
NUMERALS = "一二三四五六七八九十"
# How good a status is, for "好转" and "变差" since the previous round (not due ranks with on track:
# moving between them is neither).
_GOODNESS = {Status.done: 4, Status.on_track: 3, Status.not_due: 3, Status.at_risk: 2,
             Status.no_report: 1, Status.overdue: 0}


def subject(bulletin: Bulletin) -> str:
    """What the plan is about, from its title: 增城区2023年民生十大实事推进方案 → 民生十大实事."""
    found = re.search(r"\d{4}年(.+?)(?:推进|实施|工作)?(?:方案|计划)?$", bulletin.title)
    return found.group(1) if found else "民生实事"


def title(bulletin: Bulletin) -> str:
    """关于2023年9月份民生十大实事推进情况的通报, broken before 推进情况 (GB/T 9704: by meaning)."""
    return (f"关于{bulletin.as_of.year}年{bulletin.as_of.month}月份{subject(bulletin)}\n"
            "推进情况的通报")


def _day(day: dt.date | None) -> str:
    return "—" if day is None else f"{day.month}月{day.day}日"


def _amount(value: float | None, unit: str) -> str:
    return f"{stated(value)}{unit}"


def _short_names(bulletin: Bulletin) -> dict[int, str]:
    """Project number → the name before its colon (生育支持), the whole name where two share it."""
    short = {s.number: re.split("[:：]", s.name, maxsplit=1)[0] for s in bulletin.sections}
    repeated = {n for n in short.values() if list(short.values()).count(n) > 1}
    return {s.number: s.name.replace(":", "：") if short[s.number] in repeated else short[s.number]
            for s in bulletin.sections}


# ── 一、总体情况 ───────────────────────────────────────────────────────────────────────────────

def _status_counts(bulletin: Bulletin) -> str:
    parts = [f"{LOOKS[s].zh}{bulletin.counts[s]}项，占{share(bulletin.counts[s], bulletin.total)}"
             for s in SHOWN if bulletin.counts[s]]
    return "；".join(parts)


def overall(bulletin: Bulletin) -> Section:
    b = bulletin
    names = _short_names(b)
    paragraphs: list[Paragraph] = [
        (f"截至{chinese_date(b.as_of)}，全区{subject(b)}{len(b.sections)}个项目{b.total}项指标中，"
         f"{_status_counts(b)}。")]
    lights = b.light_counts
    unlit = f"，未到节点的{lights[None]}项不亮灯" if lights[None] else ""
    paragraphs.append(
        "按亮灯规则，" + "、".join(f"{LIGHT_LOOKS[x].zh}{lights[x]}项" for x in
                                  (Light.green, Light.yellow, Light.red)) + f"{unlit}。")
    clean = [names[s.number] for s in b.sections
             if not any(x.light in (Light.red, Light.yellow) for x in s.lines)]
    reds = sorted(((sum(x.light is Light.red for x in s.lines), s.number) for s in b.sections),
                  key=lambda item: (-item[0], item[1]))
    # "较多": two or more red; the first three and any tied with the third (audit: 教育（2项）
    # named, 公共安全 with 2 as well left out; 住房保障（1项） among the "many")
    reds = [(n, number) for n, number in reds if n >= 2]
    reds = [(n, number) for n, number in reds if n >= reds[min(2, len(reds) - 1)][0]] if reds else []
    parts = []
    if clean:
        parts.append(f"{'、'.join(clean)}{len(clean)}个项目无红灯、黄灯指标")
    if reds:
        parts.append("红灯指标较多的是" + "、".join(
            f"{names[number]}（{n}项）" for n, number in reds))
    if parts and len(b.sections) > 1:
        paragraphs.append("从项目看，" + "；".join(parts) + "。")
    if b.changes is not None:
        paragraphs.append(_since(b))
    return Section("一、总体情况", paragraphs=tuple(paragraphs))


def _since(b: Bulletin) -> str:
    when = f"与上期（{chinese_date(b.previous_as_of)}）相比" if b.previous_as_of else "与上期相比"
    if not b.changes:
        return f"{when}，各项指标进度和状态均无变化。"
    moved = b.status_changes
    done = sum(c.line.status is Status.done for c in moved)
    better = sum(_GOODNESS[c.line.status] > _GOODNESS[c.old_status] for c in moved) - done
    worse = sum(_GOODNESS[c.line.status] < _GOODNESS[c.old_status] for c in moved)
    parts = [f"新增完成{done}项"] if done else []
    parts += [f"状态好转{better}项"] if better else []
    parts += [f"状态变差{worse}项"] if worse else []
    # neither better nor worse (未到节点 → 按计划推进: an item come due on schedule), so that
    # the parts add up to the changes
    level: dict[tuple[Status, Status], int] = {}
    for c in moved:
        if _GOODNESS[c.line.status] == _GOODNESS[c.old_status]:
            level[(c.old_status, c.line.status)] = level.get((c.old_status, c.line.status), 0) + 1
    parts += [f"由{LOOKS[a].zh}转为{LOOKS[b_].zh}{n}项" for (a, b_), n in level.items()]
    others = len(b.changes) - len(moved)
    text = f"{when}，{len(moved)}项指标状态发生变化" if moved else f"{when}，各项指标状态均未变化"
    text += ("（" + "、".join(parts) + "）") if parts else ""
    if others:
        text += f"，另有{others}项指标进度有更新、状态未变"
    return text + "。"


# ── 二、存在问题 ───────────────────────────────────────────────────────────────────────────────

# ── 三、下步工作要求 ─────────────────────────────────────────────────────────────────────────────

def _escalated(bulletin: Bulletin, action: Action) -> list[Paragraph]:
    """One paragraph per group of lead units: whom, who oversees them (the leaders of every
    project its items belong to: a unit is summoned once), and for which indicators."""
    groups: dict[tuple[str, ...], list[Escalation]] = {}
    for e in bulletin.escalations:
        if e.action is action:
            groups.setdefault(e.lead_units, []).append(e)
    out: list[Paragraph] = []
    for units, items in groups.items():
        leaders = list(dict.fromkeys(name for e in items for name in e.leaders))
        whom = "、".join(units)
        lead = (f"约谈{whom}主要负责人" if action is Action.interview else f"向{whom}发督办函")
        # Names hold 、 themselves (特殊儿童美术、陶艺公益培训): items are parted by ；
        which = "；".join(f"{bulletin.line(e.indicator).name}（{_streak(e)}）" for e in items)
        out.append(f"{lead}（分管领导：{'、'.join(leaders)}），涉及：{which}。")
    return out


def _streak(e: Escalation) -> str:
    """本期红灯, 连续3期红灯, or 近3期分别为黄灯、黄灯、红灯 (an item red now after yellow rounds
    is interviewed for its red; the rounds before are said too)."""
    lights = e.lit if len(e.lit) > len(e.lights) else e.lights
    seen = [LIGHT_LOOKS[x].zh for x in lights]
    if len(seen) == 1:
        return f"本期{seen[0]}"
    if len(set(seen)) == 1:
        return f"连续{len(seen)}期{seen[0]}"
    return f"近{len(seen)}期分别为{'、'.join(seen)}"


def requirements(bulletin: Bulletin) -> Section:
    b, policy = bulletin, bulletin.policy
    counts = b.light_counts
    lit = counts[Light.red] + counts[Light.yellow]
    unreported = "，未报送的视同未完成、亮红灯" if policy.no_report is Light.red else ""
    paragraphs: list[Paragraph] = [
        (Run("一是压实工作责任。", bold=True),
         Run("各牵头单位要对照年度目标和时间节点，逐项梳理未完成事项，明确责任人和完成时限，"
             "确保按期保质完成；各责任单位、各镇街要主动配合，形成工作合力。")),
        (Run("二是加快滞后事项推进。", bold=True),
         Run((f"对亮红灯、黄灯的{lit}项指标，" if lit else "对进度偏慢的指标，")
             + "牵头单位要深入分析原因，制定赶超措施，于下期通报前报送整改情况；分管领导要加强"
             "调度，及时协调解决推进中的困难和问题。")),
        (Run("三是按时准确报送进度。", bold=True),
         Run("各单位、各镇街要于每月月底前报送累计完成情况，做到数据真实准确、有据可查"
             f"{unreported}。")),
    ]
    letters = [e for e in b.escalations if e.action is Action.letter]
    interviews = [e for e in b.escalations if e.action is Action.interview]
    if not b.escalations:
        paragraphs.append((Run("四是严格督办问责。", bold=True), Run("本期无督办事项。")))
    else:
        rule = []
        if interviews:
            rule.append(f"对{_rounds(policy.interview_after)}亮红灯的{len(interviews)}项指标，"
                        f"{ACTION_LABELS[Action.interview][0]}牵头单位主要负责人")
        if letters:  # an item red now is interviewed, whatever its lights before: 其余
            rule.append(f"对{'其余' if interviews else ''}连续{policy.letter_after}期及以上"
                        f"亮黄灯（含红灯）的{len(letters)}项指标，向牵头单位发"
                        f"{ACTION_LABELS[Action.letter][0]}")
        paragraphs.append((Run("四是严格督办问责。", bold=True),
                           Run("；".join(rule) + "。具体如下：")))
        paragraphs += _escalated(b, Action.interview) + _escalated(b, Action.letter)
    return Section("三、下步工作要求", paragraphs=tuple(paragraphs))


def _rounds(n: int) -> str:
    return "本期" if n == 1 else f"连续{n}期及以上"


def build_document(bulletin: Bulletin, date: dt.date | None = None) -> OfficialDocument:
    """The 通报 of `bulletin`, dated `date` (default: its `issued`, else its as-of date)."""
    from .tongbao_problems import problems
    from .tongbao_tables import attachments

    numbers, annexes = attachments(bulletin)
    return OfficialDocument(
        title=title(bulletin), addressees=ADDRESSEES,
        sections=(overall(bulletin), problems(bulletin, numbers), requirements(bulletin)),
        issuer=bulletin.issuer, date=chinese_date(date or bulletin.issued or bulletin.as_of),
        attachments=annexes, closing=("特此通报。",))


def render_docx(bulletin: Bulletin) -> bytes:
    """The 通报 as .docx bytes (GB/T 9704-2012 layout)."""
    from .gongwen import write_docx

    out = io.BytesIO()
    write_docx(build_document(bulletin), out)
    return out.getvalue()


def round_zh(round_: str) -> str:
    """A round as a Chinese reader writes it: `2023-08` → 2023年8月."""
    year, _, month = round_.partition("-")
    return f"{year}年{int(month)}月" if month.isdigit() else round_
