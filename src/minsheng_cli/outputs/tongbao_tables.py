"""The 通报's attachments: the full indicator table (landscape), the ranking of the towns, the
units that did not report. Built from the same Bulletin as the prose (tongbao.py)."""

from __future__ import annotations

from ..engine.policy import LIGHT_LOOKS
from ..engine.statuses import LOOKS, Status
from .bulletin import Bulletin, RankRow, points, rounded, stated
from .gongwen import Attachment, Table, chinese_date
from .rounding import half_up
from .tongbao import _short_names, round_zh, subject

# ── 附件 ──────────────────────────────────────────────────────────────────────────────────────

# Landscape type area: 225 mm. Fixed columns are as wide as their longest header or value in
# 小四 (4.23 mm a 汉字, plus 2 mm of cell margins); a figure's column holds seven digits or
# signs (404.65, 12,348, 100%) in a font whose digits are wider than 仿宋's half-width ones
# (a machine without the standard fonts): at 15 mm, LibreOffice broke 15000 as 1500/0, and
# 100% as 100/% at 13.
# 指标 and 牵头单位 take the rest.
INDICATOR_COLUMNS = (("序号", 10.5), ("项目", 23.5), ("指标", 38), ("单位", 10.5),
                     ("年度\n目标", 17), ("序时\n应完成", 17), ("累计\n完成", 17),
                     ("进度", 16), ("状态", 27.5), ("亮灯", 12), ("牵头单位", 35.5))


def indicator_table(bulletin: Bulletin) -> Table:
    names = _short_names(bulletin)
    rows, fills = [], []
    for i, x in enumerate(bulletin.lines, 1):
        # on every row: a project's rows can run onto the next page, where a blank 项目 cell
        # (or a merged one, which Word does not repeat) leaves the reader guessing
        project = f"{x.project}.{names[x.project]}"
        rows.append((str(i), project, x.name, x.unit, stated(x.target),
                     rounded(x.required, x.actual, x.target), stated(x.actual),
                     "—" if x.percent is None else f"{half_up(x.percent):.0f}%",
                     LOOKS[x.status].zh, LIGHT_LOOKS[x.light].zh if x.light else "—",
                     "、".join(x.lead_units)))
        fill = LIGHT_LOOKS[x.light].fill if x.light else None
        fills.append((*(None,) * 9, fill, None))
    return Table(tuple(h for h, _ in INDICATOR_COLUMNS), tuple(rows),
                 widths_mm=tuple(w for _, w in INDICATOR_COLUMNS), fills=tuple(fills))


def ranking_table(ranking: list[RankRow]) -> Table:
    shown = (Status.done, Status.on_track, Status.at_risk, Status.overdue, Status.no_report)
    rows = tuple((str(r.rank), r.unit, points(r.score), *(str(r.counts.get(s, 0)) for s in shown))
                 for r in ranking)
    return Table(("排名", "镇街", "得分", *(LOOKS[s].zh for s in shown)), rows)


def missing_table(bulletin: Bulletin) -> Table:
    names = {x.id: x.name for x in bulletin.lines}
    rows = tuple((str(i), u.unit, "、".join(names.get(o, o) for o in u.owes),
                   (round_zh(u.last_round) + ("\n（其他指标）" if u.partial else ""))
                   if u.last_round else "—")
                 for i, u in enumerate(bulletin.missing or [], 1))
    # 最近报送 as wide as 2023年10月 in the body's font (24 mm broke it as 2023年8/月)
    return Table(("序号", "单位", "未报送指标", "最近报送"), rows, widths_mm=(12, 36, 74, 34))


def attachments(bulletin: Bulletin) -> tuple[dict[str, int], tuple[Attachment, ...]]:
    """The attachments, and the number of each by key (table, ranking, missing)."""
    from ..engine.policy import describe

    b = bulletin
    note = f"截至{chinese_date(b.as_of)}。{describe(b.policy)}"
    out = [("table", Attachment(f"{b.year}年{subject(b)}指标推进情况表", paragraphs=(note,),
                                tables=(indicator_table(b),), landscape=True))]
    if b.ranking is not None:
        out.append(("ranking", Attachment(
            "镇街推进情况排名", tables=(ranking_table(b.ranking),) if b.ranking else (),
            paragraphs=() if b.ranking else ("无。",))))
    if b.missing is not None:
        out.append(("missing", Attachment(
            "未按时报送单位名单", tables=(missing_table(b),) if b.missing else (),
            paragraphs=() if b.missing else ("无。",))))
    return {key: i for i, (key, _) in enumerate(out, 1)}, tuple(a for _, a in out)
