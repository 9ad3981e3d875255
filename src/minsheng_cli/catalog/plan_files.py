"""Messages of plan files (see the package's docstring): reading the file (plan/load.py), its YAML
(plan/yamlnodes.py, plan/scalars.py), the model's own rules and pydantic's verdicts in our words
(plan/model.py, plan/load.py), allocation files (plan/allocation.py) and `validate` itself
(outputs/validation.py, cli/planfiles.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the file (plan/load.py's read_text)
    "plan.file.directory": ("这是文件夹，不是计划文件", "this is a directory, not a plan file"),
    "plan.file.no-permission": ("没有读取权限", "Permission denied"),
    "plan.file.empty": ("文件是空的；计划是一个 YAML 映射，含 year、issuer、title、issued 和 projects",
                        ("the file is empty; a plan is a YAML mapping with year, issuer, title, "
                         "issued and projects")),
    "plan.file.binary": ("文件中含有 NUL 字节：这是二进制数据，不是 YAML 计划文件",
                         "the file contains NUL bytes: it is binary data, not a YAML plan"),
    "plan.file.not-utf8": ("文件不是 UTF-8 编码；请另存为 UTF-8（多数编辑器：另存为 → 编码 → UTF-8）",
                           ("the file is not UTF-8; save it as UTF-8 (in most editors: Save As → "
                            "Encoding → UTF-8)")),
    # where in the plan a message is about
    "plan.at": ("{field}：{message}", "{field}: {message}"),
    "plan.document": ("（文件顶层）", "(document)"),
    "plan.the-document": ("文件顶层", "the document"),
    # what a value was, as a message quotes it
    "plan.given.empty": ("空值", "nothing"),
    "plan.given.list": ("列表", "a list"),
    "plan.given.mapping": ("映射", "a mapping"),
    # the forms a value can take
    "plan.form.number": ("数字（如 200 或 404.65）", "a number (e.g. 200 or 404.65)"),
    "plan.form.integer": ("整数（如 10）", "a whole number (e.g. 10)"),
    "plan.form.text": ("文字", "text"),
    "plan.form.list": ("列表（每项一行，以 `- ` 开头）", "a list (one item a line, each after `- `)"),
    "plan.form.mapping": ("映射（每行一个 `键: 值`）", "a mapping (one `key: value` a line)"),
    "plan.form.date": ("日期，如 2023-06-30", "a date such as 2023-06-30"),
    "plan.form.bool": ("true 或 false", "true or false"),
    "plan.form.choice": ("可选值 {choices} 之一", "one of {choices}"),
    # pydantic's verdicts, in our words (plan/load.py)
    "plan.missing": ("缺少必填字段 `{name}`（位于{where}）；请补上",
                     "`{name}` is required but missing (in {where})"),
    "plan.unknown-field": ("{key}不是计划格式中的字段（位于{field}）；请检查拼写",
                           "{key} is not a field of the plan format (at {field}); check its spelling"),
    "plan.empty": ("值为空；请填写{form}", "the value is empty; write {form}"),
    "plan.number.text": ("{got}不是数字；请直接写阿拉伯数字，不加引号（如 200 或 404.65）",
                         ("{got} is not a number; write the number in digits, unquoted (e.g. 200 "
                          "or 404.65)")),
    "plan.number.bool": ("{got}不是数字：true 和 false 不是数值；事件类指标完成填 1，未完成填 0",
                         ("{got} is not a number: true and false are not numbers; for an event, "
                          "write 1 for done and 0 for not")),
    "plan.number.other": ("{got}不是数字；请填写数字（如 200 或 404.65）",
                          "{got} is not a number; write a number (e.g. 200 or 404.65)"),
    "plan.number.whole": ("{got}不是整数；请填写不带小数点的整数",
                          "{got} is not a whole number; write it without a decimal point"),
    "plan.number.finite": ("{got}不是一个确定的数；请填写具体的数字",
                           "{got} is not a finite number; write the number itself"),
    "plan.number.min": ("{got}小于允许的最小值 {limit}；请填写不小于 {limit} 的数",
                        "{got} is below {limit}, the least allowed; write {limit} or more"),
    "plan.number.max": ("{got}大于允许的最大值 {limit}；请填写不大于 {limit} 的数",
                        "{got} is above {limit}, the most allowed; write {limit} or less"),
    "plan.number.above": ("{got}须大于 {limit}", "{got} must be more than {limit}"),
    "plan.number.below": ("{got}须小于 {limit}", "{got} must be less than {limit}"),
    "plan.read-as.bool": ("布尔值 true/false", "boolean"),
    "plan.read-as.number": ("数字", "number"),
    "plan.read-as.date": ("日期", "date"),
    "plan.text.quote": ("{got}不是文字；如果它是文字，请加上引号（YAML 把它读作{read_as}）",
                        ("{got} is not text; put it in quotes if it is text (YAML reads it as a "
                         "{read_as})")),
    "plan.text.not": ("{got}不是文字；这里应填写文字", "{got} is not text; write text here"),
    "plan.text.empty": ("内容为空；请填写内容", "the text is empty; write it out"),
    "plan.text.short": ("{got}太短：至少要有 {limit} 个字符", "{got} is too short: at least {limit} characters"),
    "plan.text.long": ("{got}太长：最多 {limit} 个字符", "{got} is too long: at most {limit} characters"),
    "plan.text.pattern": ("{got}的写法不符合要求（应符合 {pattern}）",
                          "{got} is not written as required (the form {pattern})"),
    "plan.text.id": (("{got}不是指标编号的写法；编号写成 p、项目序号、英文句点，再接小写字母、数字或 _，"
                      "如 p10.charging_piles（全部用半角字符，前后不留空格）"),
                     ("{got} is not an indicator id; an id is p, the project's number, a point, "
                      "then lower-case letters, digits or _, as in p10.charging_piles (half-width "
                      "characters, no spaces around)")),
    "plan.text.month": ("{got}不是月份的写法；请写成 YYYY-MM（如 2023-07）",
                        "{got} is not a month; write it as YYYY-MM (e.g. 2023-07)"),
    "plan.list.empty": ("这里为空；至少要填写一项", "this is empty; give at least one item"),
    "plan.list.short": ("这里只有 {n} 项；至少要填写 {limit} 项", "this has {n} items; give at least {limit}"),
    "plan.list.long": ("这里有 {n} 项；最多 {limit} 项", "this has {n} items; give at most {limit}"),
    "plan.type.list": ("{got}不是列表；请写成列表，每项一行，以 `- ` 开头",
                       "{got} is not a list; write a list, one item a line, each after `- `"),
    "plan.type.mapping": ("{got}不是映射；请在下面各行写 `键: 值`",
                          "{got} is not a mapping; write `key: value` lines below it"),
    "plan.type.name": ("{got}不是中英文名称；请在下面分两行写 `zh: …` 和 `en: …`",
                       "{got} is not a name in two languages; write `zh: …` and `en: …` on two lines below it"),
    "plan.type.bool": ("{got}不是 true 或 false；请填写 true 或 false",
                       "{got} is not true or false; write true or false"),
    "plan.choice.one": ("{got}在这里不可用；请填写 {choice}", "{got} is not allowed here; write {choice}"),
    "plan.choice.many": ("{got}不是可选的值；请填写 {choices} 中的一个",
                         "{got} is not one of the choices; write one of {choices}"),
    "plan.union": ("{got}不符合这里允许的任何一种写法：{forms}",
                   "{got} fits none of the forms allowed here: {forms}"),
    "plan.date.form": ("{got}不是日期；请写成 YYYY-MM-DD（如 2023-06-30）",
                       "{got} is not a date; write it as YYYY-MM-DD (2023-06-30)"),
    "plan.date.no-day": ("日历上没有{got}这一天；请检查月份和日期",
                         "{got} is not a day of the calendar; check the month and day"),
    "plan.date.number": (("{got}是数字，不是日期（可能是电子表格的日期序号）；请写成 YYYY-MM-DD"
                          "（如 2023-06-30）"),
                         ("{got} is a number, not a date (a spreadsheet's day number?); write it "
                          "as YYYY-MM-DD (2023-06-30)")),
    "plan.date.time": ("{got}带有时刻；日期只写年月日，如 2023-06-30",
                       "{got} has a time of day; write the day only, as 2023-06-30"),
    "plan.other": ("{got}不符合计划格式的要求（{kind}）；请对照 `minsheng schema` 改正",
                   "{got} does not fit the plan format ({kind}); check it against `minsheng schema`"),
    "plan.ambiguous": ("{field}：不同的 YAML 读取程序对 {given} 的理解不一致；{why}",
                       "{field}: {given} is not read the same way by every YAML reader; {why}"),
    # the model's own rules (plan/model.py)
    "plan.due.form": ("{value}不是计划中日期的写法；请写成 YYYY-MM-DD（2023-06-30），或写 YYYY-MM"
                      "（2023-06）表示该月最后一天",
                      ("{value} is not a date as a plan writes it; write YYYY-MM-DD (2023-06-30), "
                       "or YYYY-MM (2023-06) for the last day of that month")),
    "plan.reported-by.one": ("reported_by 只能填 total（一个单位）或 shares（若干单位，或 towns）中的一个",
                             "reported_by takes one of total (a unit) or shares (units, or towns)"),
    "plan.combine.sum": ("combine: sum 不适用于 {kind} 类指标；请用 max、min 或 mean",
                         "combine: sum makes no sense for a {kind}; use max, min or mean"),
    "plan.pace.rate": ("pace 只适用于比率（rate）类指标，不适用于 {kind} 类",
                       "pace applies to a rate only, not to a {kind}"),
    "plan.overview.together": ("overview_target 和 overview_source 要同时给出，或都不给",
                               "overview_target and overview_source go together: give both or neither"),
    "plan.firm.none": (("每个节点都是进度参考（firm: false）；一个指标至少要有一个确定的节点（firm），"
                        "作为它的目标"),
                       ("every checkpoint is a pace (firm: false); an indicator needs at least one "
                        "firm checkpoint, its target")),
    "plan.bulletins.year": ("bulletins.from {start} 不在计划年度 {year} 年内",
                            "bulletins.from {start} is not in the plan year {year}"),
    # the YAML (plan/yamlnodes.py)
    "yaml.too-deep": ("YAML 嵌套超过 {limit} 层；计划文件只需要不到十层",
                      "the YAML nests more than {limit} levels deep; a plan needs fewer than ten"),
    "yaml.too-deep-short": ("YAML 嵌套超过 {limit} 层", "the YAML nests more than {limit} levels deep"),
    "yaml.too-deep-stack": ("YAML 嵌套太深，不可能是计划文件", "the YAML nests too deeply to be a plan"),
    "yaml.unreadable": ("无法读取 YAML（解析器的提示：{reason}）", "the YAML cannot be read: {reason}"),
    "yaml.no-document": ("文件中没有 YAML 文档；计划是一个映射，含 year、issuer、title、issued 和 projects",
                         ("the file holds no YAML document; a plan is a mapping with year, issuer, "
                          "title, issued and projects")),
    "yaml.kind.list": ("列表", "a list"),
    "yaml.kind.value": ("单个值（{value}）", "a single value ({value})"),
    "yaml.not-mapping": ("整个文件是{kind}，但计划必须是映射，含键 year、issuer、title、issued、projects",
                         ("the document is {kind}, but a plan must be a mapping with keys year, "
                          "issuer, title, issued, projects")),
    "yaml.more": ("……另有更多同类问题；请先改正上面的问题再运行",
                  "… and more problems like these; fix the ones above and run again"),
    "yaml.alias": ("这里的别名重复了第 {line} 行定义的锚点；请直接写出值（计划文件不能使用锚点和别名）",
                   ("an alias repeats the anchor defined on line {line}; write the value out "
                    "instead (plan files may not use anchors and aliases)")),
    "yaml.tag": ("计划文件中不能使用标签 {tag}（用在 {value} 上）；请去掉标签，直接写值",
                 ("the tag {tag} (on {value}) is not allowed in a plan file; write the plain "
                  "value without it")),
    "yaml.tag-form": ("它带有标签 {tag}，但写法与之不符：{how}",
                      "it is tagged {tag} but not written as one: {how}"),
    "yaml.no-day": ("无法读取 {value}：日历上没有这一天；{how}",
                    "cannot read {value}: it is not a day of the calendar; {how}"),
    "yaml.cannot-read": ("无法读取 {value}；{how}", "cannot read {value}; {how}"),
    "yaml.merge-key": ("计划文件中不能使用合并键（<<）；请把各个键直接写出",
                       "merge keys (<<) are not allowed in plan files; write the keys out"),
    "yaml.key.mapping": ("映射", "a mapping"),
    "yaml.key.list": ("列表", "a list"),
    "yaml.key.value": ("值 {value}", "the value {value}"),
    "yaml.bad-key": ("这里的键是{kind}，不是简单的名称；计划中的键是 `year`、`checkpoints` 这样的名称",
                     ("a key here is {kind}, not a plain name; keys in a plan are names like "
                      "`year` or `checkpoints`")),
    "yaml.duplicate-key": ("同一映射中键 {key} 出现了两次（第一次在第 {line} 行）；请只保留一个",
                           ("the key {key} appears twice in one mapping (first on line {line}); "
                            "keep one of them")),
    "yaml.control": (("文件中有控制字符 U+{code}，YAML 不允许使用；请删去（在双引号内可写成 "
                      "\\u{escape}）"),
                     ("the file contains the control character U+{code}, which YAML does not "
                      "allow; delete it (inside double quotes it can be written as \\u{escape})")),
    "yaml.long-key": (("这个键长 {length:,} 个字符，YAML 的键最多 {limit} 个字符；计划中的键是 `year`、"
                       "`checkpoints` 这样的短名称（如果这是一段文字，请写在某个键后面，如 `note: …`）"),
                      ("this key is {length:,} characters long, and YAML allows at most {limit} in "
                       "a key; keys in a plan are short names like `year` or `checkpoints` (if "
                       "this is text, put it after one, as in `note: …`)")),
    "yaml.tab": ("这里用制表符（Tab）缩进；YAML 只允许用空格缩进，请把制表符换成空格",
                 ("a tab is used for indentation; YAML allows only spaces — replace the tab with "
                  "spaces")),
    "yaml.syntax": ("YAML 格式有误：{what}；请检查此处的缩进和引号",
                    "malformed YAML: {what}; check the indentation and quoting here"),
    # what the YAML parser stopped at, in words (plan/yamlnodes.py's _syntax_problem)
    "yaml.why.unclosed-quote": ("第 {line} 行开始的引号直到文件末尾都没有闭合",
                                "the quote opened on line {line} is never closed"),
    "yaml.why.truncated": ("文件在中途结束了，结尾可能缺了一部分",
                           "the file ends in the middle of something; part of its end may be missing"),
    "yaml.why.escape": ("双引号内有无法识别的转义（反斜杠 \\ 及其后的字符）；请改用单引号，或把 \\ 写成 \\\\",
                        ("a backslash escape inside double quotes is not one YAML knows; use "
                         "single quotes, or write \\ as \\\\")),
    "yaml.why.flow-sequence": ("第 {line} 行开始的方括号 [ ] 列表没有正确闭合：缺少逗号或右方括号 ]",
                               "the list in [ ] opened on line {line} is not closed: a ',' or ']' is missing"),
    "yaml.why.flow-mapping": ("第 {line} 行开始的花括号 {{ }} 映射没有正确闭合：缺少逗号或右花括号 }}",
                              ("the mapping in {{ }} opened on line {line} is not closed: a ',' or "
                               "'}}' is missing")),
    "yaml.why.block-mapping": ("这一行的缩进与上面的键没有对齐，或者它不是 `键: 值` 的形式",
                               ("this line is not indented like the keys above it, or is not a "
                                "`key: value` line")),
    "yaml.why.block-sequence": ("列表中的这一行不是以 `- ` 开头，或缩进不对",
                                "this line of a list does not start with `- `, or is indented wrongly"),
    "yaml.why.colon": ("这里出现了不该有的冒号：值中含有 `: ` 时请给整个值加引号，或检查缩进",
                       ("a colon is not allowed here: put the whole value in quotes if it contains "
                        "`: `, or check the indentation")),
    "yaml.why.no-colon": ("这一行缺少冒号：每行应写成 `键: 值`", "a line has no colon: write each line as `key: value`"),
    "yaml.why.two-documents": ("文件中有第二个文档（以 --- 分隔）；一个计划文件只能有一个文档",
                               "the file holds a second document (after ---); a plan file holds one"),
    "yaml.why.bad-start": ("值不能以这个字符开头（如 @ 或 `）；请给值加上引号",
                           "a value cannot start with this character (such as @ or `); put the value in quotes"),
    "yaml.why.anchor": ("& 和 * 在 YAML 中表示锚点和别名，计划文件不使用它们；如果这是文字，请加上引号",
                        ("& and * mark anchors and aliases in YAML, which plan files do not use; "
                         "if this is text, put it in quotes")),
    "yaml.why.tag": ("! 在 YAML 中表示标签，计划文件不使用标签；如果这是文字，请加上引号",
                     "! marks a tag in YAML, which plan files do not use; if this is text, put it in quotes"),
    "yaml.why.directive": (("以 % 开头的行或 --- / ... 分隔符用错了位置；计划文件不需要它们，请删去"
                            "（如果这是文字，请加上引号）"),
                           ("a line starting with %, or a --- or ... separator, is misplaced; plan "
                            "files need none of them: delete it (or put text in quotes)")),
    "yaml.why.block-scalar": ("| 或 > 之后应当换行（多行文字从下一行开始，并且要缩进）",
                              "| or > must end its line (the text starts on the next line, indented)"),
    "yaml.why.no-value": ("这里缺少值，或者有多余的 ] 或 }}", "a value is missing here, or there is a stray ] or }}"),
    "yaml.why.other": ("解析器的提示：{detail}", "{detail}"),
    # what to write instead of a value YAML readers disagree about (plan/scalars.py)
    "yaml.how.null": ("请让值留空", "leave the value empty"),
    "yaml.how.bool": ("请写 true 或 false", "write true or false"),
    "yaml.how.int": ("请用十进制写数字（如 90）", "write the number in decimal (e.g. 90)"),
    "yaml.how.float": ("请用十进制写数字（如 404.65）", "write the number in decimal (e.g. 404.65)"),
    "yaml.how.date": ("请把日期写成 2023-06-30", "write the date as 2023-06-30"),
    "yaml.ambiguous.base-60": ("YAML 1.1 把它按六十进制读作 {number}，YAML 1.2 读作文字：请写 {number}",
                               "YAML 1.1 reads it in base 60, as {number}, YAML 1.2 as text: write {number}"),
    "yaml.ambiguous.bool": ("YAML 1.1 把它读作布尔值（真/假），YAML 1.2 读作文字：请写数字（事件类指标完成填 1，未完成填 0）",
                            ("YAML 1.1 reads it as a boolean, YAML 1.2 as text: write a number (for "
                             "an event, 1 for done and 0 for not)")),
    "yaml.ambiguous.hexadecimal": ("有的 YAML 读取程序把它当作十六进制数（{value}），有的当作文字：请写 {value}",
                                   ("it is hexadecimal ({value}) to some YAML readers, text to "
                                    "others: write {value}")),
    "yaml.ambiguous.binary": ("有的 YAML 读取程序把它当作二进制数（{value}），有的当作文字：请写 {value}",
                              "it is binary ({value}) to some YAML readers, text to others: write {value}"),
    "yaml.ambiguous.octal-prefix": ("有的 YAML 读取程序把它当作八进制数（{value}），有的当作文字：请写 {value}",
                                    "it is octal ({value}) to some YAML readers, text to others: write {value}"),
    "yaml.ambiguous.separators": ("YAML 1.1 把它读作 {number}，YAML 1.2 读作文字：请写 {number}",
                                  "YAML 1.1 reads it as {number}, YAML 1.2 as text: write {number}"),
    "yaml.ambiguous.octal": ("YAML 1.1 把它读作八进制数（{octal}），YAML 1.2 读作 {number}：请写 {number}",
                             "YAML 1.1 reads it as octal ({octal}), YAML 1.2 as {number}: write {number}"),
    "yaml.ambiguous.leading-zero": ("YAML 1.1 把它读作文字，YAML 1.2 读作 {number}：请写 {number}",
                                    "YAML 1.1 reads it as text, YAML 1.2 as {number}: write {number}"),
    "yaml.ambiguous.exponent": ("YAML 1.2 把它读作 {number}，YAML 1.1 读作文字：请写 {number}",
                                "YAML 1.2 reads it as {number}, YAML 1.1 as text: write {number}"),
    # allocation files (plan/allocation.py)
    "alloc.unknown-indicator": ("`{key}` 不是{year}年计划中的指标；运行 `minsheng list` 查看指标编号",
                                ("`{key}` is not an indicator of the {year} plan; run `minsheng "
                                 "list` to see the indicator ids")),
    "alloc.other-year": ("任务分解是{allocation}年的，计划是{plan}年的",
                         "the allocation is for {allocation}, the plan for {plan}"),
    # validate (outputs/validation.py, cli/planfiles.py)
    "validate.summary": ("已检查 {files}：{verdict}；{errors}，{warnings}",
                         "checked {files}: {verdict}; {errors}, {warnings}"),
    "validate.files-one": ("1 个计划文件", "1 plan file"),
    "validate.files": ("{n} 个计划文件", "{n} plan files"),
    "validate.all-valid": ("全部有效", "all valid"),
    "validate.invalid": ("{n} 个无效", "{n} invalid"),
    "validate.errors-one": ("1 处错误", "1 error"),
    "validate.errors": ("{n} 处错误", "{n} errors"),
    "validate.warnings-one": ("1 处警告", "1 warning"),
    "validate.warnings": ("{n} 处警告", "{n} warnings"),
    # every command that refuses its input (cli/options.py fail), after the problems' lines
    "fail.count": ("以上 {counts}：未给出结论；请按各行所说修正后再运行",
                   "{counts} above: no verdict; fix what they say and run again"),
    # (a line "…另有 800 行同类问题" is one message of many rows: messages are counted, not rows)
    "fail.errors-one": ("1 条错误", "1 error message"),
    "fail.errors": ("{n} 条错误", "{n} error messages"),
    "fail.warnings-one": ("1 条警告", "1 warning"),
    "fail.warnings": ("{n} 条警告", "{n} warnings"),
    "validate.no-files": ("在 {paths} 中没有找到 *.yaml 或 *.yml 文件",
                          "no *.yaml or *.yml files found in {paths}"),
}
