"""The core messages: how a located message is put together, dates, numbers, indicators and
reporters, rounds, usage, output files and limits (see the package's docstring)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # how a located message is put together
    "at.column": ("{column}：{message}", "column {column}: {message}"),
    "at.sheet": ("工作表 {sheet}：{message}", "sheet {sheet}: {message}"),
    "and-more": ("另有 {rest:,} 行同类问题，直到第 {last:,} 行；请先改正前面几处再检查",
                 ("and {rest:,} more rows like these, up to row {last:,}; fix the first ones and "
                 "check again")),
    # dates (dates.py)
    "date.forms": ("2023-06-30、2023/6/30、2023年6月30日，或写 2023-06 表示6月底",
                   "2023-06-30, 2023/6/30, 2023年6月30日 or 2023-06 for the end of June"),
    "date.unreadable": ("无法把{value}读作日期；请按 {forms} 的格式填写",
                        "cannot read {value} as a date; write it like {forms}"),
    "date.time-of-day": ("{value}是一天中的时刻，不是日期；请按 {forms} 的格式填写",
                         "{value} is a time of day, not a date; write it like {forms}"),
    "date.empty": ("日期为空；请填写数据截至的日期，如 {forms}",
                   "the date is empty; write the date the value holds for, like {forms}"),
    "date.no-month": ("{value}中没有{month}月；请按 {forms} 的格式填写",
                      "{value} has no month {month}; write it like {forms}"),
    "date.no-day": ("日历上没有{value}这一天；请检查月份和日期",
                    "{value} is not a day of the calendar; check the month and day"),
    "date.outside-year": ("{date} 不在{year}年内；本文件按{year}年计划检查",
                          "{date} is outside {year}; this file is checked against the {year} plan"),
    "date.number-fix": ("请把日期写成文本（2023-10-31）或设为日期格式的单元格",
                        "write the date as text (2023-10-31) or make it a date cell"),
    "date.number-month": (("单元格里是数字 {value}，不是日期：按数字输入时月份末尾的0会丢失（2023.10 "
                          "变成 2023.1，会被读作1月），本工具不做猜测；{fix}"),
                          ("the cell holds the number {value}, not a date: typed as a number, a "
                          "month loses its trailing zero (2023.10 becomes 2023.1, which reads as "
                          "January), so minsheng does not guess; {fix}")),
    "date.number": ("单元格里是数字 {value}，不是日期；{fix}",
                    "the cell holds the number {value}, which is not a date; {fix}"),
    # numbers (actuals/cells.py, actuals/rows.py)
    "number.forms": ("请填写数字，如 5000、5,000 或 1.2万（事件类完成填1、未完成填0）",
                     "write digits like 5000, 5,000 or 1.2万 (for an action, 1 done, 0 not done)"),
    "number.unreadable": ("无法把{value}读作数字；{forms}", "cannot read {value} as a number; {forms}"),
    "number.is-date": ("{value}是日期，不是数字；{forms}", "{value} is a date, not a number; {forms}"),
    "number.empty": ("数值为空；尚未开展的请填 0", "the value is empty; enter 0 if nothing was done yet"),
    "number.excel-error": ("单元格里是 Excel 错误值 {error}；请在工作簿中改正公式（或直接填写数字）后重新保存或导出",
                           ("the cell holds the Excel error {error}; fix the formula in the "
                           "workbook (or type the number) and save or export the file again")),
    "number.not-number": ("{value}不是数字；{forms}，尚未开展的填 0",
                          "{value} is not a number; {forms}, or 0 if nothing was done yet"),
    "number.counted-in": ("{id} 的计量单位是{unit}", "{id} is counted in {unit}"),
    "number.percent": ("{value}是百分比，但{counted}；请填写累计完成的数量",
                       "{value} is a percentage, but {counted}; write the cumulative amount done"),
    "number.word": ("{value}只适用于事件类指标（完成填1，未完成填0），但{counted}；请填写数字",
                    ("{value} fits only an event (1 done, 0 not yet), but {counted}; write the "
                    "number")),
    "number.negative": ("{value}是负数；请填写1月1日起的累计数（0或以上）",
                        ("{value} is negative; write the cumulative amount since 1 January, 0 or "
                        "more")),
    "number.check": ("请检查是否多写了数位或单位有误", "check for extra digits or a wrong unit"),
    "number.absurd": ("{value}大得离谱（超过 {limit}）；{check}",
                      "{value} is absurdly large (over {limit}); {check}"),
    "number.over-target": ("{value}超过 {id} 全年目标（{target} {unit}）的 {factor} 倍；{check}",
                           ("{value} is more than {factor} times the year's target for {id} "
                           "({target} {unit}); {check}")),
    "number.event-0-1": ("{value}不是1或0：{id} 是事件类指标，完成填1、未完成填0",
                         "{value} is not 1 or 0: {id} is an action; write 1 when done, 0 if not"),
    "number.whole": ("{value}不是整数：{id} 以“{unit}”计数，请填写整数；{hint}",
                     "{value} is not a whole number: {id} counts {unit} one by one; {hint}"),
    "number.whole-thousands": ("1,680 请写作 1680 或 1,680，不要用小数点分隔千位",
                               ("write 1,680 as 1680 or 1,680, not with a decimal point as the "
                                "thousands separator")),
    "number.whole-formula": ("若单元格由公式算出、只是显示为整数，请改填实际完成的整数",
                             ("if the cell is a formula's result shown rounded, write the whole "
                              "number actually done")),
    "number.rate-over-100": ("{value}超过100，但 {id} 是百分比（0到100）；85% 请填 85 或 85%",
                             ("{value} is above 100, but {id} is a rate in percent (0 to 100); "
                             "write 85 or 85% for 85 percent")),
    "number.rate-fraction": (("{value}按{value}%读取，但 {id} 是百分比指标，目标为{target}%；如{value}"
                             "是小数，请填 {percent} 或 {percent}%"),
                             ("{value} is read as {value} percent, but {id} is a rate with a "
                              "target of {target}%; if {value} is a fraction, write {percent} or "
                              "{percent}%")),
    # indicators and reporters
    "indicator.empty": ("指标编号为空；请填写编号，如 {example}",
                        "the indicator is empty; write an id such as {example}"),
    "indicator.ambiguous": ("{value}是多个指标的名称（{ids}）；请填写编号",
                            "{value} is the name of several indicators ({ids}); write the id"),
    "indicator.unknown-near": ("{value}不是{year}年计划中的指标；是否应为 {id}（{name}）？",
                               ("{value} is not an indicator of the {year} plan; did you mean "
                               "{id} ({name})?")),
    "indicator.unknown": ("{value}不是{year}年计划中的指标；运行 `minsheng list` 查看指标编号",
                          ("{value} is not an indicator of the {year} plan; run `minsheng list` "
                          "to see the indicator ids")),
    "rows.also": ("{message}（共 {n} 行：第 {rows} 行）", "{message} ({n} rows: {rows})"),
    "reporter.unknown-near": ("{value}不是计划中的单位；是否应为 {near}？",
                              "{value} is not a unit of the plan; did you mean {near}?"),
    "reporter.unknown": ("{value}不是计划中的单位；请按计划中的名称填写单位（运行 `minsheng list --units` 查看单位）",
                         ("{value} is not a unit of the plan; write the unit's name as the plan "
                         "has it (run `minsheng list --units` to see the units)")),
    "reporter.declared": ("表头上方“填报单位：”一行：{message}请改正该行的单位名称",
                          ("the 填报单位： line above the header: {message} Correct the unit's "
                           "name on that line")),
    "reporter.unnamed": ("未填单位的行", "an unnamed reporter"),
    "report.label": ("{id}（{reporter}）", "{id} by {reporter}"),
    "report.conflict": ("{label} {date}：第 {first} 行填报 {a}，第 {row} 行填报 {b}；请保留正确的数值，删除另一行",
                        ("{label} on {date}: row {first} reports {a} and row {row} reports {b}; "
                        "keep the right value and delete the other row")),
    "report.conflict-sheets": (("{label} {date}：工作表 {other} 第 {first} 行填报 {a}，本行填报 {b}；"
                               "请保留正确的数值，删除另一行"),
                               ("{label} on {date}: sheet {other} row {first} reports {a} and "
                               "this row {b}; keep the right value and delete the other row")),
    "report.decrease": (("{label} 从 {a}（{date_a}，第 {first} 行）降到 {b}（{date_b}）；"
                        "该数是1月1日起的累计数：请填写截至当时的总数，而不是某一期的数"),
                        ("{label} goes down from {a} on {date_a} (row {first}) to {b} on "
                        "{date_b}; the value is cumulative since 1 January: report the total so "
                        "far, not the amount of one period")),
    # a file as a whole (actuals/load.py, header.py, limits.py)
    "file.no-reports": ("文件有表头但没有填报数据：没有一行同时有日期和数值；请逐行填写，每行一条",
                        ("the file has a header row but no reports: no row has a date and a "
                        "value; fill them in, one row per report")),
    "file.too-large-memory": ("文件太大，无法读入内存；请拆分为较小的文件",
                              ("the file is too large to read into memory; split it into smaller "
                              "files")),
    "file.cannot-read": ("无法读取文件（{error}）", "cannot read the file ({error})"),
    "file.os-error": ("无法读取文件：{error}", "cannot read the file: {error}"),
    "file.empty": ("文件是空的；请写一行表头（指标编号、截至日期、累计完成），每条填报一行",
                   ("the file is empty; write a header row (指标编号, 截至日期, 累计完成) and one "
                   "row per report")),
    "file.save-anew": ("请在 Excel/WPS 中另存为 .xlsx，或导出 CSV（UTF-8）",
                       "save it again from Excel/WPS as .xlsx, or export CSV (UTF-8)"),
    "file.old-xls": ("这是旧版 .xls 工作簿（或加密的工作簿），无法读取；{anew}",
                     ("this is an old-style .xls workbook (or an encrypted one), which cannot be "
                     "read; {anew}")),
    "file.xls-is-xlsx": ("文件名为 .xls，但内容是 .xlsx 工作簿；请把文件名改为 .xlsx 后再检查",
                         ("the file is named .xls but is an .xlsx workbook; rename it to .xlsx and "
                         "check again")),
    "file.other-spreadsheet": ("{kind} 文件无法读取；{anew}",
                               "{kind} files cannot be read; {anew}"),
    "file.not-workbook": ("文件名为 {suffix}，但不是 Excel 工作簿；{anew}",
                          "the file is named {suffix} but is not an Excel workbook; {anew}"),
    "file.not-found": ("文件不存在；请检查路径", "no such file; check the path"),
    "file.directory": ("这是文件夹，不是文件", "this is a directory, not a file"),
    "header.too-low": (("表头在第 {row} 行，但只在前 {limit} 行中查找表头；请删除表头上方的标题或说明行，"
                       "使表头位于前 {limit} 行"),
                       ("the header row is row {row}, but only the first {limit} rows are searched "
                       "for it; delete the title or note rows above it so that it is among the "
                       "first {limit}")),
    "header.no-content": ("文件中没有任何内容；请写一行表头，每条填报一行",
                          ("the file has no rows with content; write a header row and one row per "
                          "report")),
    "header.missing": (("缺少“{name}”列（{field}）：表头（第 {row} 行）为 {listed}；请把其中一列命名为"
                       "“{name}”（必需的列为 {required}）"),
                       ("no column for {field}: the header row (row {row}) has {listed}; name a "
                       "column {field} / {name} (the required columns are {required})")),
    "header.duplicate": ("第 {a} 列（{a_text}）和第 {b} 列（{b_text}）都表示 {field}；请保留一列，另一列改名或删除",
                         ("columns {a} ({a_text}) and {b} ({b_text}) both mean {field}; keep one "
                         "and rename or delete the other")),
    "header.nothing": ("（空）", "(nothing)"),
    # a month's round (actuals/inbox.py, engine/rounds.py, engine/attribution.py, actuals/asof.py)
    "inbox.skipped": ("不是填报文件（只读取 {suffixes}），已跳过",
                      "not a report file (only {suffixes} are read); skipped"),
    "inbox.skipped-unit": (("不是填报文件（只读取 {suffixes}），已跳过；文件名中有“{unit}”：如果这是{unit}的填报，"
                           "请把表格复制到 Excel/WPS 表格中，另存为 .xlsx 或导出 CSV（UTF-8）后放回文件夹"),
                           ("not a report file (only {suffixes} are read); skipped. Its name "
                           "names {unit}: if it is {unit}'s report, copy the table into Excel/WPS "
                           "and save it as .xlsx or export CSV (UTF-8) into the folder")),
    "inbox.note": (("没有填报表的表头（{names}），按说明材料处理，已跳过；如果这是填报，请在第一行写好表头后"
                   "再检查"),
                   ("no header of a report ({names}); taken as a covering note and skipped. If "
                   "it is a report, write the header row and check again")),
    "inbox.not-found": ("文件或文件夹不存在；请检查路径", "no such file or directory; check the path"),
    "inbox.files": ("{n} 个文件", "{n} files"),
    "inbox.empty": ("这里没有填报文件（{suffixes}）；请检查文件夹",
                    "no report files here ({suffixes}); check the folder"),
    "inbox.unit-from-name": (("{n} 行未填单位（没有“填报单位”列或单元格为空），按文件名视为{unit}的填报。"
                             "请填写“填报单位”以免出错"),
                             ("{n} rows name no unit (no 填报单位 column or cell); read as {unit}'s, "
                             "from the file name. Fill in 填报单位 to be sure")),
    "inbox.unit-unknown": (("{n} 行未填单位，文件内容和文件名都看不出是哪个单位的；请填写“填报单位”"
                           "（或以单位名称命名文件，如 新塘镇.xlsx）"),
                           ("{n} rows name no unit, and neither the file nor its name says whose "
                           "they are; fill in 填报单位 (or name the file after the unit, e.g. "
                           "新塘镇.xlsx)")),
    "inbox.conflict": (("{id}（{reporter}）{date}：{first} 填报 {a}，{place} 填报 {b}；"
                       "请保留正确的一条，删除另一条（或整个重发的文件）"),
                       ("{id} by {reporter} on {date}: {first} reports {a} and {place} reports "
                       "{b}; keep the right one and delete the other (or the whole resent file)")),
    "inbox.decrease": (("{id}（{reporter}）从 {a}（{date_a}，{first}）降到 {b}（{date_b}）；该数是1月1日起的"
                        "累计数：请核对两处的日期和数值（日期是否写错？）"),
                       ("{id} by {reporter} goes down from {a} on {date_a} ({first}) to {b} on "
                        "{date_b}; the value is cumulative since 1 January: check both places' "
                        "dates and values (a mistyped date?)")),
    "inbox.decrease-more": ("另有 {rest:,} 处跨文件的累计数下降未一一列出；请先核对上面几处再检查",
                            ("and {rest:,} more decreases between files not listed; check the "
                             "ones above first and run again")),
    "inbox.duplicate": ("{n} 条填报与 {earlier} 完全相同；只计一次",
                        "{n} reports repeat those of {earlier} exactly; counted once"),
    "round.never": ("{unit}（从未报送，应报 {owes} 项）", "{unit} (never, owes {owes})"),
    "round.last": ("{unit}（最近一次 {last}，已 {age} 期未报，应报 {owes} 项）",
                   "{unit} (last {last}, {age} rounds old, owes {owes})"),
    "round.last-one": ("{unit}（最近一次 {last}，已 1 期未报，应报 {owes} 项）",
                       "{unit} (last {last}, 1 round old, owes {owes})"),
    "round.more": ("{shown}；另有 {n} 个", "{shown}; and {n} more"),
    "round.missing": (("{n} 个单位本期（{round}）未报送：{shown}。其最近一次的数据仍然计入；"
                      "`check --by unit` 列出各单位应报事项"),
                      ("{n} units sent nothing for round {round}: {shown}. Their latest figures "
                      "still count; `check --by unit` lists what each owes")),
    # some of them never reported: only the others have figures that still count
    "round.missing-some-never": (("{n} 个单位本期（{round}）未报送：{shown}。以前报送过的，其最近一次的"
                                 "数据仍然计入；`check --by unit` 列出各单位应报事项"),
                                 ("{n} units sent nothing for round {round}: {shown}. The latest "
                                  "figures of those that reported before still count; "
                                  "`check --by unit` lists what each owes")),
    "round.missing-never": (("{n} 个单位本期（{round}）未报送：{shown}；`check --by unit` 列出各单位"
                            "应报事项"),
                            ("{n} units sent nothing for round {round}: {shown}; "
                             "`check --by unit` lists what each owes")),
    "total.shares-differ": (("{id}：{name} 填报全区合计 {total}（{where}），但 {n} 个单位（共 {of} 个）"
                            "的分项之和为 {sum}；按分项计算，合计不重复相加：请核实哪个数字正确"),
                            ("{id}: {name} reports a district total of {total} ({where}), but the "
                            "shares of {n} of {of} units add up to {sum}; the shares count and "
                            "the total is not added: check which figure is right")),
    "total.other-rounds": ("{message}（注意：{stale} 的数据早于 {latest} 所在月份，两者并非同一期）",
                           ("{message} (note: {stale} is of an earlier month than {latest}: the "
                            "figures are not of one round)")),
    "total.no-reporter": ("未填单位的行", "a row without a reporter"),
    "total.total-differs": (("{id}：{units} 报送的分项之和为 {shares}，但 {reporter} 填报的全区合计为 "
                            "{sum}（{where}）；按合计计算，分项不重复相加：请核实哪个数字正确"),
                            ("{id}: the shares sent by {units} add up to {shares}, but the "
                            "district total reported by {reporter} is {sum} ({where}); the total "
                            "counts and the shares are not added: check which figure is right")),
    "asof.more": ("{shown} 等，另有 {n} 条", "{shown} and {n} more"),
    "asof.late-file": (("截至日期为 {latest}，晚于其他 {n} 个文件的最新日期 {earlier}；本期按 {latest}"
                        "（{round}）评价，其他单位都算本期未报送。如果日期写错了，请改正后再运行；"
                        "如要按 {earlier} 评价，请加 --as-of {earlier}"),
                       ("dated {latest}, later than the other {n} files' latest date, {earlier}; "
                        "the round is evaluated as of {latest} ({round}), so every other unit "
                        "counts as not reporting it. If the date is a typo, correct it; to "
                        "evaluate as of {earlier}, give --as-of {earlier}")),
    "asof.late-files": ("{files} 的{message}", "{files} {message}"),
    "asof.outlier": (("{n} 条填报（共 {of} 条）的日期晚于 {earlier}，最晚到 {latest}，比其他所有填报晚 {gap} 天以上"
                     "（{where}）；按截至 {earlier} 评价。如果这些日期无误，请加 --as-of {latest}；"
                     "如果是笔误，请改正"),
                     ("{n} of {of} reports are dated after {earlier}, up to {latest}, more than "
                     "{gap} days after all the others ({where}); evaluating as of {earlier}. If "
                     "those dates are right, give --as-of {latest}; if they are typos, correct "
                     "them")),
    "row": ("第 {row} 行", "row {row}"),
    # usage errors (cli/options.py)
    "usage.not-a-date": ("{value} 不是日期；请按 {forms} 的格式填写", "{value} is not a date; write it like {forms}"),
    "usage.outside-year": ("{option} {date} 不在计划年度 {year} 年内",
                           "{option} {date} is outside the plan year {year}"),
    "usage.no-project": ("计划中没有第 {project} 项", "the plan has no project {project}"),
    # output files (outputs/write.py)
    "output.suffix": ("-o {path}：文件名须以 {suffixes} 结尾",
                      "-o {path}: the file name must end in {suffixes}"),
    "output.is-input": ("-o {path} 是输入文件之一（{source}）；请写到另一个文件",
                        ("-o {path} is one of the inputs ({source}); write the output to another "
                        "file")),
    "output.not-file": ("-o {path} 不是普通文件；请指定要写入的文件名",
                        "-o {path} is not a regular file; name a file to write"),
    "output.written": ("已生成 {path}（{size:,} 字节）", "wrote {path} ({size:,} bytes)"),
    "output.exists": ("{path} 已存在；加 --force 覆盖", "{path} exists; use --force to overwrite it"),
    "output.no-dir": ("-o {path}：文件夹 {parent} 不存在；请先建立",
                      "-o {path}: the directory {parent} does not exist; create it first"),
    "output.not-writable": ("无法写入 {path}：文件夹 {parent} 不可写；请换一个文件夹",
                            ("cannot write {path}: the directory {parent} is not writable; choose "
                            "another directory")),
    "output.os-error": ("无法写入 {path}：{error}", "cannot write {path}: {error}"),
    # limits (actuals/limits.py)
    "limit.split": ("请拆分为较小的文件（按月或按单位）",
                    "split it into smaller files (by month or by office)"),
    "limit.special-file": ("不是普通文件，而是{kind}；请把填报数据存成文件并给出路径",
                           ("not a regular file but {kind}; save the reports to a file and give "
                           "its path")),
    "limit.file-size": ("文件大小为 {size} GiB；最多读取 {limit} GiB 的文件：{split}",
                        ("the file is {size} GiB; minsheng reads files of up to {limit} GiB: "
                        "{split}")),
    "limit.cell": ("单元格有 {length:,} 个字符；一个单元格最多 {limit:,} 个（与 Excel 相同）：请缩短",
                   ("the cell holds {length:,} characters; a cell holds at most {limit:,} (as in "
                   "Excel): shorten it")),
    "limit.parts": ("工作簿内含 {n:,} 个文件；正常的工作簿只有几十个，最多读取 {limit:,} 个：请在 Excel/WPS 中重新保存",
                    ("the workbook holds {n:,} files; a workbook has a few dozen, and minsheng "
                    "reads at most {limit:,}: save it again from Excel/WPS")),
    "limit.inflates": ("工作簿解压后有 {size:,.0f} MiB；最多读取解压后 {limit} MiB 的工作簿：{split}，或另存为 CSV",
                       ("the workbook inflates to {size:,.0f} MiB; minsheng reads workbooks of up "
                       "to {limit} MiB uncompressed: {split}, or save it as CSV")),
    "limit.zip-bomb": (("{part} 解压后膨胀 {ratio:,} 倍（从 {small:,} 到 {large:,} 字节）；正常工作簿不到 "
                       "{limit} 倍，因此按压缩炸弹拒绝：请在 Excel/WPS 中重新保存"),
                       ("{part} inflates {ratio:,} times (from {small:,} to {large:,} bytes); real "
                       "workbooks inflate less than {limit} times, so this is refused as a zip "
                       "bomb: save the workbook again from Excel/WPS")),
    "limit.extent": ("工作表 {sheet}：最远的有值单元格是 {cell}", "sheet {sheet}: the farthest cell with a value is {cell}"),
    "limit.extent-fix": ("请删除表格下方或右侧的零散单元格（Ctrl+End 可定位最后一个），保存后重试",
                         ("delete the stray cells below or to the right of the table (Ctrl+End "
                         "shows the last one), save, and try again")),
    "limit.rows": ("{where}，超出 Excel 的最后一行 {limit:,}；{fix}",
                   "{where}, beyond Excel's last row {limit:,}; {fix}"),
    "limit.columns": ("{where}；最多读取 {limit:,} 列：{fix}",
                      "{where}; minsheng reads at most {limit:,} columns: {fix}"),
    "limit.cells": ("{where}，工作表共 {n:,} 个单元格；最多读取 {limit:,} 个单元格（行×列）的工作表：{fix}，或{split}",
                    ("{where}, so the sheet spans {n:,} cells; minsheng reads sheets of up to "
                    "{limit:,} cells (rows × columns): {fix}, or {split}")),
    # sheets of `-o FILE.xlsx`
    "sheet.list": ("计划节点", "Checkpoints"),
    "sheet.check": ("检查结果", "Check"),
    "sheet.units": ("各单位判定", "Units"),
    # how a line is shown
    "tag.warning": ("警告：", "warning: "),
    "tag.error": ("错误：", "error: "),
}
