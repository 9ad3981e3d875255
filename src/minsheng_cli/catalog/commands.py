"""Messages of commands (see the package's docstring): the lights policy file (`policy.`), whose
reports count (`attr.`), the commands' own usage errors (`cmd.`, `report.`, `template.`), and
click's own words — the help's headings and its usage errors — in Chinese (`click.`; their English
is click's, word for word, since in English click speaks for itself)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the lights policy file (engine/policy.py, cli/policy.py)
    "policy.empty": ("亮灯规则文件是空的；请写入规则，如 `yellow: 10`",
                     "the policy file is empty; write keys such as `yellow: 10`"),
    "policy.not-mapping": ("亮灯规则文件应由“键: 值”组成，如 `yellow: 10` 和 `red: 30`",
                           "a policy file is a mapping of keys such as `yellow: 10` and `red: 30`"),
    "policy.unknown-key": ("{key} 不是亮灯规则的键；可用的键为 {keys}",
                           "{key} is not a policy key; the keys are {keys}"),
    "policy.unknown-preset": ("没有 {preset} 这个档位（preset）；请使用 {presets} 之一",
                              "preset {preset} is unknown; use one of {presets}"),
    "policy.bands": ("黄灯线（{yellow}）应在0以上，且不高于红灯线（{red}）",
                     ("the yellow band ({yellow}) must be at least 0 and at most the red band "
                      "({red})")),
    "policy.rounds": ("升级处理（letter_after、interview_after）至少为连续1期",
                      "escalation needs at least 1 round"),
    "policy.points": ("{key} 应为落后的百分点数，0到1000（现为 {value}）",
                      "{key} must be a number of points behind, from 0 to 1000 (got {value})"),
    "policy.whole-rounds": ("{key} 应为1到12的整数期数（现为 {value}）",
                            "{key} must be a whole number of rounds from 1 to 12 (got {value})"),
    "policy.basis": ("basis 应为 target 或 schedule（现为 {value}）",
                     "basis must be target or schedule (got {value})"),
    "policy.no-report": ("no_report 应为 red 或 yellow（现为 {value}）",
                         "no_report must be red or yellow (got {value})"),
    "policy.not-found": ("亮灯规则文件不存在；请检查路径", "the policy file does not exist"),
    "policy.unreadable": ("无法按 UTF-8 文本读取亮灯规则文件（{error}）；请另存为 UTF-8 编码的文本",
                          "cannot read the policy file as UTF-8 text: {error}"),
    "policy.options": ("--yellow/--red：{error}", "--yellow/--red: {error}"),
    # whose reports count (engine/attribution.py)
    "attr.a-report": ("某条填报", "a report"),
    # the commands' usage errors (cli/check.py, cli/report.py, outputs/template.py)
    "cmd.did-you-mean": ("{message}；是否应为 {near}？", "{message}; did you mean {near}?"),
    "cmd.no-registry": (("计划中没有单位名录（`units:`），无法判断由谁报送哪些指标；"
                        "请改用 --by indicator"),
                        ("the plan has no registry of units (`units:`), so it cannot say who "
                         "reports what; use --by indicator")),
    "cmd.reporter-unknown": ("--reporter {reporter} 不是计划中的单位",
                             "--reporter {reporter} is not a unit of the plan"),
    "cmd.units-are": ("{message}；请写计划中某个单位的名称（全称或简称均可），即以下之一。{units}",
                      ("{message}; write the name (full or short) of one of the plan's units. "
                       "{units}")),
    "cmd.units-of-kind": ("{kind}：{names}", "{kind}: {names}"),
    "cmd.kind-town": ("镇街", "Towns and streets"),
    "cmd.kind-department": ("区直部门", "District offices"),
    "cmd.kind-other": ("其他单位", "Other units"),
    "cmd.others-warnings": ("另有 {n} 条警告涉及其他单位的文件；不加 --reporter 运行可查看全部",
                            "{n} more warnings concern other units' files; run without "
                            "--reporter to see them all"),
    "cmd.reports-nothing": ("{unit} 不报送计划中的任何指标", "{unit} reports no indicator of the plan"),
    "cmd.reports-nothing-in": ("{unit} 不报送第 {project} 项中的任何指标",
                               "{unit} reports no indicator of the plan in project {project}"),
    "report.previous-as-of-alone": ("--previous-as-of 须与 --previous 一起使用",
                                    "--previous-as-of needs --previous"),
    "report.docx-in-chinese": ("通报（.docx）是中文公文；请去掉 --lang en",
                               "the 通报 (.docx) is an official document in Chinese; drop --lang en"),
    "report.docx-env-en": (("通报（.docx）是中文公文，而环境变量 MINSHENG_LANG 设为英文；"
                            "请加 --lang zh，或把 MINSHENG_LANG 设为 zh"),
                           ("the 通报 (.docx) is an official document in Chinese, and "
                            "MINSHENG_LANG is set to English; add --lang zh or set "
                            "MINSHENG_LANG=zh")),
    "template.not-a-unit": ("{reporter} 不是计划中的单位", "{reporter} is not a unit of the plan"),
    "template.scope-plan": ("计划", "the plan"),
    "template.scope-project": ("第 {project} 项", "project {project}"),
    "template.nothing": ("{scope}中没有由 {unit} 报送的指标",
                         "no indicator of {scope} is reported by {unit}"),
    "template.reports-in": ("{message}；该单位在第 {projects} 项中报送",
                            "{message}; it reports in project {projects}"),
    "template.leads-only": (("{message}：它是第 {projects} 项的牵头单位，这些项目的进度由其他单位"
                             "报送，它无需填写报表"),
                            ("{message}: it leads project {projects}, whose progress other units "
                             "report; it has no form to fill")),
    # click's own words in the help (cli/usage_zh.py)
    "click.usage": ("用法：", "Usage: "),
    "click.options": ("选项", "Options"),
    "click.arguments": ("参数", "Arguments"),
    "click.commands": ("命令", "Commands"),
    "click.help-option": ("显示本帮助并退出。", "Show this message and exit."),
    "click.default": ("默认：{value}", "default: {value}"),
    "click.env-var": ("环境变量：{var}", "env var: {var}"),
    "click.required": ("必填", "required"),
    "click.range": ("取值{low}–{high}", "{low}<=x<={high}"),
    "click.range-min": ("不小于{low}", "x>={low}"),
    "click.range-max": ("不大于{high}", "x<={high}"),
    # click's usage errors (exit 2)
    "click.try-help": ("运行 '{command} {option}' 查看帮助。", "Try '{command} {option}' for help."),
    "click.no-such-option": ("没有 {name} 这个选项；请检查拼写", "No such option: {name}"),
    "click.possible-options": ("{message}（是否应为：{options}）",
                               "{message} (Possible options: {options})"),
    "click.no-such-command-near": ("没有 {name} 这个命令；是否应为 {near}？运行 'minsheng -h' 可查看全部命令",
                                   "No such command {name}. Did you mean {near}?"),
    "click.no-such-command": ("没有 {name} 这个命令；请运行 'minsheng -h' 查看可用的命令",
                              "No such command {name}."),
    "click.missing-command": ("缺少命令；请运行 'minsheng -h' 查看可用的命令", "Missing command."),
    "click.missing-argument": ("缺少参数：{hint}；请按第一行的用法，在命令后写上{hint}",
                               "Missing argument {hint}."),
    "click.missing-option": ("缺少选项 {hint}", "Missing option {hint}."),
    "click.invalid-value-for": ("{hint} 的取值无效：{message}", "Invalid value for {hint}: {message}"),
    "click.invalid-value": ("取值无效：{message}", "Invalid value: {message}"),
    "click.env-var-hint": ("（环境变量 {var}）", " (env var: {var})"),
    "click.requires-value": ("选项 {name} 后面须跟一个值", "Option {name} requires an argument."),
    "click.requires-values": ("选项 {name} 后面须跟 {n} 个值", "Option {name} requires {n} arguments."),
    "click.takes-no-value": ("选项 {name} 不带值", "Option {name} does not take a value."),
    "click.extra-arguments": ("多出了无法识别的参数（{args}）；文件名含空格时请加引号",
                              "Got unexpected extra argument(s) ({args})"),
    # what is wrong with an option's value (typer's and pydantic's words)
    "click.not-one-of": ("{value} 不是可选的值；可选：{choices}", "{value} is not one of {choices}."),
    "click.not-integer": ("应为整数", "Input should be a valid integer"),
    "click.not-number": ("应为数字", "Input should be a valid number"),
    "click.at-most": ("应不大于 {limit}", "Input should be less than or equal to {limit}"),
    "click.at-least": ("应不小于 {limit}", "Input should be greater than or equal to {limit}"),
    "click.path-missing": ("{kind} {path} 不存在；请检查路径", "{kind} {path} does not exist."),
    "click.kind-file": ("文件", "file"),
    "click.kind-dir": ("文件夹", "dir"),
    "click.kind-path": ("路径", "path"),
}
