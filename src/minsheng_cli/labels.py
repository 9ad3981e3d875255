"""Human-facing labels in Chinese and English. Data (names, units) carries its own translations."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "project": ("项目", "Project"),
    "indicator": ("指标", "Indicator"),
    "due": ("截止日期", "Due"),
    "id": ("编号", "id"),
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
    # list: a pace's target, and the reading of a due date that is a judgement
    "pace": ("约数进度（“约”），只作序时参考，不作逾期判断", "a pace (约, about): it shapes the "
             "time-proportional line but never makes an indicator overdue"),
    "due_reading": ("截止日期的解读", "reading of the due date"),
    "summary_by_project": ("按项目汇总", "Summary by project"),
    "summary_by_unit": ("按牵头单位汇总", "Summary by lead unit"),
    # check --by unit
    "by_unit_title": ("各单位任务完成情况", "Progress by reporting unit"),
    "reporter_unit": ("单位", "Unit"),
    "share": ("本单位任务", "Own share"),
    "ranking_title": ("镇街排名", "Ranking of the towns and streets"),
    "ranking_rule": ("得分=已完成及按计划推进项数+滞后项数×0.5，除以应评价项数（已到节点或已填报），×100；"
                     "得分相同者并列。",
                     "Score = (done + on track + half of at risk) ÷ items judged (due or "
                     "reported) × 100; equal scores share a rank."),
    "rank": ("名次", "Rank"),
    "score": ("得分", "Score"),
    "not_reported_title": ("本期未报送单位", "Units that did not report this round"),
    "submission": ("报送情况", "Submission"),
    "owes": ("应报事项数", "Items owed"),
    "last_round": ("最近报送期", "Last round reported"),
    "submission_missing": ("未报送", "missing"),
    "submission_stale": ("未更新", "stale"),
    "submission_submitted": ("已报送", "submitted"),
    "submission_not_due": ("无需报送", "not due"),
    # template (headers stay Chinese; these are the texts around them)
    "template_sheet": ("填报", "Report"),
    "template_comment_id": ("指标编号,请勿修改", "Indicator id: do not change"),
    "template_comment_as_of": ("数据截至的日期,如 2023-07-31",
                               "The date the figure holds for, e.g. 2023-07-31"),
    "template_comment_value": ("1月1日起的累计数", "Cumulative since 1 January"),
    "template_comment_reporter": ("填报单位名称", "The reporting office"),
    "template_fill_quantity": ("填写1月1日起的累计数", "Cumulative since 1 January"),
    "template_fill_at_most": (",不超过目标", ", at most the target"),
    "template_fill_event": ("已完成填1,未完成填0", "1 when done, 0 if not yet"),
    "template_fill_rate": ("填写百分比数值,如 95", "The percentage as a number, e.g. 95"),
    "template_role_lead": ("牵头", "lead"),
    "template_role_responsible": ("责任", "shared"),
    "template_role_total": ("报全区数", "district total"),
    "template_role_share": ("报本单位数", "own share"),
    "template_error_title": ("填写有误", "Invalid entry"),
    "template_error_date": ("请填写{year}年内的日期,如 {year}-07-31",
                            "Enter a date in {year}, e.g. {year}-07-31"),
    "template_error_number": ("请填写不小于0的数字", "Enter a number of at least 0"),
    # report (the bulletin)
    "bulletin_title": ("民生实事进展通报", "Livelihood projects progress bulletin"),
    "bulletin_overall": ("总体情况", "Overall"),
    "bulletin_indicators": ("项指标", "indicators"),
    "bulletin_attention": ("逾期及未报送事项", "Overdue and unreported"),
    "bulletin_none": ("无", "None"),
    "bulletin_changes": ("与上期相比", "Changes since the previous bulletin"),
    "bulletin_previous": ("上期", "Previous"),
    "bulletin_current": ("本期", "Now"),
    "bulletin_delta": ("增减", "Change"),
    "bulletin_no_changes": ("与上期相比无变化", "Nothing changed since the previous bulletin"),
    "bulletin_status_changes": ("状态变化", "Status changes"),
    "bulletin_other_changes": ("另有 {n} 项指标进度有更新、状态未变,增减见各指标。",
                               ("{n} more indicators progressed without a change of status; "
                                "see each indicator.")),
    "bulletin_since": ("较上期", "Since previous"),
    "bulletin_progress": ("各指标进展", "Progress by indicator"),
    "bulletin_milestones": ("节点事项", "Milestones"),
    "bulletin_last_report": ("最近填报", "Last report"),
    "bulletin_readings": ("节点日期的理解(计划原文需要解读之处)",
                          "How due dates were read where the plan text needs a reading"),
    "bulletin_legend_plan": ("计划节点", "Plan checkpoints"),
    "bulletin_legend_schedule": ("序时进度", "Time-proportional schedule"),
    "bulletin_legend_actual": ("填报累计", "Reported actual"),
    "bulletin_legend_as_of": ("通报日期", "As-of date"),
    "bulletin_method": ("状态依据计划节点和序时进度(两节点间按时间均匀推进)判定。",
                        ("Statuses compare the reported actual with the plan's checkpoints and "
                         "with the straight line between them.")),
}


def label(key: str, lang: str) -> str:
    zh, en = LABELS[key]
    return en if lang == "en" else zh
