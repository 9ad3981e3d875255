"""Human-facing labels in Chinese and English. Data (names, units) carries its own translations."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "project": ("项目", "Project"),
    "indicator": ("指标", "Indicator"),
    "due": ("截止日期", "Due"),
    "target": ("累计目标", "Target"),
    "unit": ("单位", "Unit"),
    "lead_units": ("牵头单位", "Lead unit"),
    "leaders": ("分管领导", "Leader"),
    "status": ("状态", "Status"),
    "actual": ("累计完成", "Actual"),
    "required": ("序时应完成", "Required"),
    "progress": ("进度", "Progress"),
    "next": ("下一节点", "Next checkpoint"),
    "gap": ("序时差距", "Gap"),
    "forecast": ("预计完成", "Forecast"),
    "trend": ("走势", "Trend"),
    "reporters": ("填报单位", "Reporters"),
    "total": ("合计", "Total"),
    "plan_title": ("计划", "Plan"),
    "as_of": ("截至", "As of"),
    "checkpoints": ("个节点", "checkpoints"),
    "summary_by_project": ("按项目汇总", "Summary by project"),
    "summary_by_unit": ("按牵头单位汇总", "Summary by lead unit"),
}


def label(key: str, lang: str) -> str:
    zh, en = LABELS[key]
    return en if lang == "en" else zh
