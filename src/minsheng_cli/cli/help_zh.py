"""The Chinese of every help text: `command` for a command, `command.--option` (or the argument's
name) for its parameters, `*.--option` for an option that several commands share; and, keyed
alike, the names the Chinese help gives to arguments and to option values (METAVAR_ZH). The
English stays where typer wants it, beside each parameter; app.py swaps these in when the
language is zh."""

from __future__ import annotations

HELP_ZH: dict[str, str] = {
    "": "民生十大实事督查：校验和列出计划，对照计划检查各单位报送的进度，生成通报。\n\n"
        "语言：--lang zh|en，或环境变量 MINSHENG_LANG，默认中文。",
    "--version": "显示版本号。",
    # options several commands share
    "*.--plan": "使用此计划文件，而不是内置的2023年计划。",
    "*.--shares": "任务分解文件：计划下发后各单位承担的指标任务数，叠加在计划之上。",
    "*.--lang": "消息、名称和标签的语言：zh 中文，en 英文。",
    "*.--project": "只看第几项（1–10），如 -p 3 只看第3项。",
    "*.--force": "输出文件已存在时覆盖。",
    "*.--policy": "亮灯规则文件（YAML）：yellow、red、basis、no_report、letter_after、"
                  "interview_after、preset。",
    "*.--preset": "亮灯档位：default（落后序时进度10个百分点亮黄灯，30个亮红灯）或 50"
                  "（三亚：落后即黄灯，落后序时进度50%亮红灯）。",
    "*.--yellow": "落后序时进度达到这个百分点数时亮黄灯（默认10）。",
    "*.--red": "落后序时进度达到这个百分点数时亮红灯（默认30）；逾期一律红灯。",
    # check
    "check": "对照计划检查报送的进度：已完成、按计划推进、滞后、逾期、未报送。\n\n"
             "没有逾期或未报送事项时退出码为0，有则为1（见 --fail-on），输入或用法有误为2。",
    "check.actuals": "各单位报送的文件或文件夹（含子文件夹）：CSV（UTF-8、GBK、UTF-16）、"
                     ".xlsx（每个工作表）或 .parquet，可混用。",
    "check.--as-of": "按此日期评价，如 2023-09-30 或 2023-09（默认：文件中最晚的日期）。",
    "check.--format": "table、json、csv 或 markdown。",
    "check.--fail-on": "何时退出码为1：有指标逾期或未报送（overdue）；滞后也算（at_risk）；从不（never）。",
    "check.--by": "indicator：按指标给出全区的判定；unit：按单位对照其承担的任务给出判定，并给出镇街排名。",
    "check.--reporter": "只看该单位负责的事项，对照其承担的任务（单位的任一名称均可：新塘镇人民政府即新塘镇）。",
    # validate
    "validate": "校验计划文件：类型、编号、日期、累计目标、原文引用。\n\n"
                "有效退出码为0，无效为1，文件无法读取或用法有误为2。",
    "validate.plans": "计划文件或文件夹（默认：内置的2023年计划）。",
    "validate.--source-text": "检查每条 `source` 引文都逐字（不计空白）出现在此文件中。",
    "validate.--format": "text、json 或 github（工作流注释）。",
    # list
    "list": "列出计划的节点：项目、指标、截止日期、累计目标、计量单位、牵头单位。",
    "list.--format": "table、json 或 csv。",
    "list.--units": "改为列出计划中的单位：各单位的规范名称、类别、其他写法（含原文笔误），以及报送的指标数。",
    "*.--output": "写入 .csv 文件（带BOM的UTF-8，公式安全，Excel 和 WPS 可直接打开）或 .xlsx 文件；"
                  "默认按 --format 输出到屏幕。",
    # report
    "report": "生成每月的民生实事进展通报：总体和各项目的情况，逾期及未报送事项及其牵头单位和分管领导，"
              "每个指标的进度图；加 --previous 时还有与上期相比的变化。",
    "report.actuals": "各单位报送的文件或文件夹，同 `check`。",
    "report.--as-of": "通报日期（默认：报送文件中最晚的日期）。",
    "report.--previous": "上期通报所用的文件或文件夹（可重复）：加上与上期相比的变化。",
    "report.--previous-as-of": "上期通报的日期（默认：上期文件中最晚的日期）。",
    "report.--date": "通报的成文日期，即印发之日（默认：通报日期）。",
    "report.--output": "通报.docx（公文格式，GB/T 9704）、bulletin.html（含图表的单个文件）、"
                       "bulletin.md 或 summary.xlsx（表格）；默认把 Markdown 输出到屏幕。",
    # schema, audit, diff
    "schema": "输出计划文件的 JSON Schema（即 schema/plan.schema.json，供编辑器使用）。",
    "audit": "检查计划自身是否一致：概述数字、分期数量、列举事项、计量单位、日期。\n\n"
             "发现的问题是警告（退出码0），加 --strict 时为错误（退出码1）。计划无效时退出码为2。",
    "audit.plan_file": "计划文件（默认：内置的2023年计划）。",
    "audit.--strict": "发现的问题算作错误：有问题时退出码为1。",
    "audit.--ignore": "不报告此代码的问题（可重复）。",
    "audit.--format": "text、json 或 github（工作流注释）。",
    "diff": "比较计划的两个版本：新增、删除的指标和节点，以及日期或目标的变化。\n\n"
            "退出码0（加 --exit-code 时：无变化0，有变化1）；计划无效时为2。",
    "diff.old": "较早的计划文件。",
    "diff.new": "较新的计划文件。",
    "diff.--format": "table 或 json。",
    "diff.--exit-code": "有变化时退出码为1（同 git diff --exit-code）。",
    # template
    "template": "生成各单位每月填写的报表：每个指标一行，`check` 可直接读回。\n\n"
                "指标编号、截至日期、累计完成、填报单位和备注由单位填写；其余各列（项目、名称、计量单位、"
                "下一节点、牵头单位）供参考。加 --lang en 时表头仍为中文，名称和说明为英文。",
    "template.--reporter": "只含该单位牵头或承担的指标，并预填填报单位。镇街（新塘镇、荔城街道）"
                           "还包括“各镇街”的指标。",
    "template.--as-of": "“下一节点”各列所依据的日期（默认：今天，限计划年度内）。",
    "template.--output": "写入 .csv 文件（带BOM的UTF-8）或 .xlsx 文件；默认把 CSV 输出到屏幕。",
}

# What the Chinese help calls an argument (in the usage line, the help and a usage error) and an
# option's value; English keeps the code's names. Choices (`<table|json>`) stay as they are.
METAVAR_ZH: dict[str, str] = {
    "check.actuals": "文件或文件夹...",
    "report.actuals": "文件或文件夹...",
    "validate.plans": "计划文件...",
    "audit.plan_file": "计划文件",
    "diff.old": "旧计划",
    "diff.new": "新计划",
    "*.--as-of": "日期",
    "*.--previous-as-of": "日期",
    "*.--date": "日期",
    "*.--previous": "上期文件",
    "*.--reporter": "单位",
    "*.--project": "序号",
    "*.--yellow": "百分点",
    "*.--red": "百分点",
    "*.--ignore": "代码",
    "*.--output": "文件",
    "*.--plan": "文件",
    "*.--shares": "文件",
    "*.--policy": "文件",
    "*.--source-text": "文件",
}

# The English names of arguments (typer would show `{actuals}...` and `<list[Path]>`).
METAVAR_EN: dict[str, str] = {
    "check.actuals": "INPUT",
    "report.actuals": "INPUT",
    "validate.plans": "PLAN",
    "audit.plan_file": "PLAN",
}
