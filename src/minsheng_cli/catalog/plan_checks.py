"""Messages of plan checks (see the package's docstring): what `validate` finds in a plan's
meaning (checks.py, unit_checks.py), what `audit` finds (audit.py), and the output of `diff`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # plan/checks.py: ids, dates and targets
    "check.duplicate-project": ("项目编号 {number} 重复使用（另见 projects[{first}]）；请给每个项目不同的编号",
                                ("project number {number} is used twice (also projects[{first}]); "
                                 "give each project its own number")),
    "check.duplicate-id": ("指标编号 `{id}` 重复使用；每个指标的编号必须唯一，请改用另一个编号",
                           "indicator id `{id}` is used twice; ids must be unique"),
    "check.id-project-mismatch": ("`{id}` 属于第{number}项；其编号应以 `p{number}.` 开头",
                                  ("`{id}` belongs to project {number}; its id should start with "
                                   "`p{number}.`")),
    "check.date-outside-year": ("截止日期 {due} 不在计划年度（{year}年）内；请改正 due",
                                "due date {due} is outside the plan year {year}"),
    "check.dates-out-of-order": (("截止日期 {due} 不晚于上一个节点的 {before}；请按日期先后列出各节点，"
                                  "每个日期一个节点"),
                                 ("due date {due} is not after the previous checkpoint's {before}; "
                                  "list checkpoints in date order, one per date")),
    "check.event-checkpoints": ("事件类指标 `{id}` 有 {n} 个节点；事件只完成一次，请拆分为几个事件",
                                ("event `{id}` has {n} checkpoints; an event is done once — split it "
                                 "into several events")),
    "check.event-target": ("事件类指标的目标是 1（完成），不是 {target:g}；请把 target 改为 1",
                           "an event's target is 1 (done), not {target:g}"),
    "check.rate-out-of-range": ("比率是0到100之间的百分数，不能是 {target:g}；85% 请写 85",
                                "a rate is a percentage from 0 to 100, not {target:g}"),
    "check.target-decreasing": (("累计目标 {target:g} 低于上一个节点的 {before:g}；目标从年初起累计，"
                                 "只增不减"),
                                ("cumulative target {target:g} is below the previous checkpoint's "
                                 "{before:g}; targets count from the start of the year, so they "
                                 "never go down")),
    "check.source-not-found": ("引文“{quote}”在原文中找不到（逐字比对，不计空白）；请从原文照抄",
                               ("the quote “{quote}” is not found verbatim in the source document; "
                                "copy it exactly from the text")),
    # plan/unit_checks.py: units, aliases, shares
    "units-check.lead-unit": ("牵头单位", "lead unit"),
    "units-check.responsible-unit": ("责任单位", "responsible unit"),
    "units-check.reporter": ("报送单位", "reporter"),
    "units-check.share-of": ("承担任务的单位", "share of"),
    "units-check.quoted": ("“{name}”", "{name!r}"),
    "units-check.unresolved-near": ("{what}{name}不在计划的单位名录（units）中；是否应为 {near}？",
                                    ("{what} {name} is not a unit of the plan's registry; did you "
                                     "mean {near}?")),
    "units-check.unresolved": (("{what}{name}不在计划的单位名录（units）中；请把它加入 `units`"
                                "（或作为某个单位的别名）"),
                               ("{what} {name} is not a unit of the plan's registry; add it to "
                                "`units` (or as an alias)")),
    "units-check.alias-conflict": (("别名{alias}同时指向 {first} 和 {second} 两个单位；一个别名只能指"
                                    "一个单位，请从其中一个单位删去"),
                                   ("{alias} names two units, {first} and {second}; an alias must "
                                    "name one unit: remove it from one of them")),
    "units-check.district-total": (("`{id}` 由 {total} 作为全区总数报送；如要把任务分解到各单位，请写 "
                                    "`reported_by: {{shares: …}}`"),
                                   ("`{id}` is reported as a district total by {total}; give it "
                                    "`reported_by: {{shares: …}}` to allocate it to units")),
    "units-check.not-reporter": ("{name} 承担了 `{id}` 的任务，但不在报送该指标的单位（`reported_by`）之中",
                                 ("{name} has a share of `{id}` but is not one of the units that "
                                  "report it (`reported_by`)")),
    "units-check.share-dates-out-of-order": ("截止日期 {due} 不晚于上一个任务节点的 {before}；请按日期先后列出",
                                             ("due date {due} is not after the previous share "
                                              "checkpoint's {before}")),
    "units-check.share-decreasing": ("累计任务数 {target:g} 低于上一个的 {before:g}；累计数只增不减",
                                     "cumulative share {target:g} is below the previous one's {before:g}"),
    "units-check.shares-mismatch": (("截至 {due}，{n} 个单位承担的任务合计 {total:g}，但 `{id}` 此时的"
                                     "目标是 {target:g}；请核对任务分解"),
                                    ("the shares of {n} units add up to {total:g} by {due}, but "
                                     "`{id}`'s target then is {target:g}")),
    # plan/audit.py: what a figure's wording allows
    "audit.means.range": ("{low:g}至不足{high:g}", "{low:g} to under {high:g}"),
    "audit.means.exactly": ("正好{value:g}", "exactly {value:g}"),
    "audit.means.at-least": ("至少{low:g}", "at least {low:g}"),
    "audit.means.at-most": ("至多{high:g}", "at most {high:g}"),
    "audit.means.about": ("约{value:g}（{low:g}至{high:g}）", "about {value:g} ({low:g} to {high:g})"),
    # the overview's figure against the last checkpoint
    "audit.overview.unclear": ("概述的措辞看不出这个数字有多精确",
                               "the overview's wording does not show how exact it is"),
    "audit.overview.allows": ("“{text}”意为{meaning}，容许这一差别，但两个数字不同",
                              ("“{text}” means {meaning}, which allows it, but the figures "
                               "differ")),
    "audit.overview.contradicts": ("“{text}”意为{meaning}，不容许这一差别",
                                   "“{text}” means {meaning}, which does not allow it"),
    "audit.overview-mismatch": (("{id}：概述为 {overview:g} {unit}，但最后一个节点（{due}）为 "
                                 "{final:g}（{change}）；{wording}"),
                                ("{id}: the overview says {overview:g} {unit} but the last "
                                 "checkpoint ({due}) is {final:g} ({change}); {wording}")),
    # a period's amount against its quote
    "audit.phase.period": ("（本期 {amount:g}）", " ({amount:g} in this period)"),
    "audit.phase-amount-mismatch": (("{id} {due}：引文写的是{stated}，但目标为 {target:g}{period}；"
                                     "这个目标是从原文推算的，或者有误，请核对计算"),
                                    ("{id} {due}: the quote states {stated}, but the target is "
                                     "{target:g}{period}; it is derived from the text or wrong — "
                                     "check the arithmetic")),
    "audit.target-flat": ("{id} {due}：目标 {target:g} 与 {before} 的相同；这个节点没有要求新的进度",
                          ("{id} {due}: the target {target:g} is the same as on {before}; this "
                           "checkpoint asks for no more progress")),
    # named items
    "audit.items-count-mismatch": ("{id} {due}：列举了 {n} 项，但该节点计数为 {expected}；请核对 items",
                                   ("{id} {due}: {n} items are named, but the checkpoint counts "
                                    "{expected}")),
    "audit.repeated.same-list": ("在本列表前面", "earlier in this list"),
    "audit.repeated.for": ("在 {due} 的节点中", "for {due}"),
    "audit.item-repeated": ("{id} {due}：{item} 已{where}列出；计数把它算了两次",
                            ("{id} {due}: {item} is already named {where}; the count includes it "
                             "twice")),
    "audit.item-not-in-source": ("{id} {due}：{item} 没有出现在该节点的原文引文（source）中；请核对",
                                 "{id} {due}: {item} is not named in the checkpoint's source quote"),
    # units
    "audit.units.rate": ("比率的单位应为 %", "a rate's unit is %"),
    "audit.units.not-rate": ("以 % 计的指标应为比率（kind: rate），而不是 {kind}",
                             "a {kind} in % is a rate"),
    "audit.unit-kind-mismatch": ("{id}：单位是 {unit}，但{expected}", "{id}: the unit is {unit} but {expected}"),
    "audit.unit-mismatch": ("{id}：引文中的“{text}”以{written}计，但指标的单位是{unit}；请核对 unit",
                            ("{id}: the quote counts “{text}” in {written}, but the indicator's "
                             "unit is {unit}")),
    # dates
    "audit.issue.milestone": ("该事项", "this milestone"),
    "audit.issue.whole": ("全部目标（{target:g}）", "the whole target ({target:g})"),
    "audit.due-before-issue": (("{id}：{what}的截止日期是 {due}，早于计划印发日期 {issued}；"
                                "计划印发时它已完成或已逾期"),
                               ("{id}: {what} is due {due}, before the plan was issued on "
                                "{issued}; it was done or overdue when published")),
    "audit.span": ("{start}至{end}", "{start} to {end}"),
    "audit.first-checkpoint-late": (("{id}：第一个节点的截止日期是 {due}；{span} 的月度通报没有可据以"
                                     "评价进度的目标"),
                                    ("{id}: the first checkpoint is due {due}; the monthly "
                                     "bulletins of {span} have no stated target to judge its "
                                     "progress by")),
    "audit.due-date-reading": ("{id} {due}：截止日期是对原文的一种理解：{reading}",
                               "{id} {due}: the due date is a reading of the text: {reading}"),
    # cli/review.py
    "review.ignore-unknown": ("--ignore {codes}：不是 audit 的代码；可用的代码有 {codes_all}",
                              "--ignore {codes}: not an audit code; the codes are {codes_all}"),
    # outputs/diff.py: the table for people (the JSON's field names do not change)
    "diff.none": ("没有变化", "no changes"),
    "diff.added": ("新增", "added"),
    "diff.removed": ("删除", "removed"),
    "diff.changed": ("变更", "changed"),
    "diff.noun.indicator": ("指标", "indicator"),
    "diff.noun.indicators": ("指标", "indicators"),
    "diff.noun.checkpoint": ("节点", "checkpoint"),
    "diff.noun.checkpoints": ("节点", "checkpoints"),
    "diff.noun.plan-field": ("计划字段", "plan field"),
    "diff.noun.plan-fields": ("计划字段", "plan fields"),
    "diff.count": ("{what}{noun} {n} 个", "{n} {noun} {what}"),
    "diff.header.what": ("指标 / 节点", "indicator / checkpoint"),
    "diff.header.change": ("变化", "change"),
    "diff.header.values": ("原值 → 新值", "old → new"),
    "diff.header.matched": ("匹配方式", "matched by"),
    "diff.header.line": ("行号", "line"),
    "diff.matched.date": ("按日期", "date"),
    "diff.matched.position": ("按位置", "position"),
    "diff.plan": ("（计划本身）", "(plan)"),
}
