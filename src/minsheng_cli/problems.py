"""One Problem type for everything wrong with a user's file, and the catalog of its codes.

A problem is a value, not an exception: loaders collect them all and the CLI prints them together.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# code → title. Codes are a public interface (validate --format json/github): only ever add.
CATALOG: dict[str, str] = {
    # reading any file
    "file-not-found": "The file does not exist",
    "file-unreadable": "The file cannot be read",
    "empty-file": "The file is empty",
    "not-text": "The file is not text in a known encoding",
    # plan files: YAML
    "yaml-syntax": "The YAML is malformed",
    "yaml-tab": "A tab is used for indentation",
    "yaml-duplicate-key": "A key appears twice in one mapping",
    "yaml-alias": "Anchors and aliases are not allowed in plan files",
    "yaml-too-deep": "The YAML nests too deeply",
    "yaml-not-mapping": "The document is not a mapping",
    "yaml-bad-key": "A mapping key is not a plain string",
    # plan files: the model
    "missing-field": "A required field is missing",
    "unknown-field": "A field is not part of the plan format",
    "invalid-value": "A value has the wrong type or is out of range",
    # plan files: meaning
    "duplicate-id": "Two indicators share an id",
    "duplicate-project": "Two projects share a number",
    "id-project-mismatch": "An indicator id does not start with its project's number",
    "date-outside-year": "A date lies outside the plan year",
    "dates-out-of-order": "Checkpoint dates are not in increasing order",
    "target-decreasing": "A cumulative target goes down",
    "event-target": "An event's checkpoint target is not 1",
    "event-checkpoints": "An event has more than one checkpoint",
    "rate-out-of-range": "A rate target is not a percentage between 0 and 100",
    "source-not-found": "A source quote is not in the source document",
    # plan files: units (who answers for what)
    "unknown-unit": "A unit named in the plan is not in its registry of units",
    "alias-conflict": "An alias names two units",
    "share-not-reporter": "A task share is given to a unit that does not report it",
    # plan files: the audit (warnings; errors with --strict)
    "overview-mismatch": "The overview's figure differs from the last checkpoint's target",
    "phase-amount-mismatch": "A checkpoint's target is not an amount its quote states",
    "target-flat": "A cumulative target is no higher than the one before",
    "items-count-mismatch": "A checkpoint names more or fewer items than it counts",
    "item-repeated": "The same item is named twice in one indicator",
    "item-not-in-source": "A named item does not appear in the checkpoint's quote",
    "unit-kind-mismatch": "A rate is not in %, or something else is",
    "unit-mismatch": "A quoted figure's measure word differs from the indicator's unit",
    "due-before-issue": "An indicator's whole target falls due before the plan was issued",
    "first-checkpoint-late": "A quantity's first checkpoint comes after the monthly bulletin starts",
    "shares-mismatch": "The units' task shares at a checkpoint do not add up to its target",
    "due-date-reading": "A checkpoint's due date is a reading of the text, not its letter",
    # actuals files
    "missing-column": "A required column is missing",
    "duplicate-column": "Two columns map to the same field",
    "unknown-indicator": "The indicator id is not in the plan",
    "bad-date": "A date cannot be read",
    "bad-number": "A number cannot be read",
    "negative-value": "A value is negative",
    "value-too-large": "A value is absurdly large",
    "date-outside-plan-year": "A report date lies outside the plan year",
    "conflicting-reports": "The same indicator, reporter and date have different values",
    "not-excel": "The file is not a readable Excel workbook",
    "cumulative-decrease": "A reporter's cumulative value goes down",
    "encoding-guessed": "The file was decoded as GB18030",
    "extra-cells": "A row has more cells than the header",
    "limit-exceeded": "The file, a sheet or a cell is beyond what minsheng reads",
    "unknown-reporter": "The reporting unit is not in the plan's registry of units",
    "total-mismatch": "A district total and the units' shares of it differ",
    "rate-as-fraction": "A rate looks written as a fraction (0.96) rather than a percentage",
    # a month's round of many files
    "file-skipped": "A file in a folder is not a report file and was skipped",
    "unit-from-filename": "A file's reporting unit was taken from its file name",
    "unit-unknown": "A row's reporting unit cannot be told",
    "duplicate-report": "The same report was sent twice; it is counted once",
    "stale-report": "A unit's latest report is from an earlier round",
    "missing-report": "A unit sent no report this round for what it owes",
    "as-of-outlier": "The latest report date is carried by a few rows far beyond the rest",
    "late-file": "One file or a few are dated in a later round than every other file",
    "warnings-elsewhere": "check --reporter: more warnings concern other units' files",
}


# files whose rows and columns are a spreadsheet's cells (Excel opens a CSV too)
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv", ".txt")


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    message: str
    file: str | None = None
    line: int | None = None  # 1-based; for tables, the row number a spreadsheet shows
    column: int | str | None = None  # 1-based column number, or a column name for tables
    severity: Severity = "error"
    sheet: str | None = None  # a workbook's sheet

    def __post_init__(self) -> None:
        if self.code not in CATALOG:
            raise ValueError(f"unknown problem code {self.code!r}")

    def where(self, lang: str | None = None) -> str:
        """`file:line:col` as far as it is known (a file that is a message, such as `26 files`,
        said in `lang`)."""
        from .i18n import text

        parts = [text(self.file, lang) if self.file else "<input>",
                 *([self.sheet] if self.sheet else [])]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def text(self, lang: str | None = None) -> str:
        """The message in `lang` (default: the language chosen, see i18n.current_lang)."""
        from .i18n import text

        return text(self.message, lang)

    def format(self, lang: str | None = None) -> str:
        """`file:sheet:line:col: message [code]`; in Chinese the row and column are also said in
        words (第6行第10列), since the location's form and the code are the same in both."""
        from .i18n import current_lang, say

        lang = lang or current_lang()
        tag = "" if self.severity == "error" else say("tag.warning").text(lang)
        where = f"{self.where(lang)}: " if self.file or self.line is not None else ""
        if lang == "zh" and self.line is not None:
            tag += (f"第{self.line}行第{self.column}列{self._cell()} "
                    if isinstance(self.column, int) else f"第{self.line}行 ")
        return f"{where}{tag}{self.text(lang)} [{self.code}]"

    def _cell(self) -> str:
        """`（J6）`, the cell as Excel and WPS name it, for a spreadsheet's or a CSV's row and
        column (a plan's YAML has lines, not cells): a clerk need not count to the 10th column."""
        if not isinstance(self.column, int) or self.line is None or not self.file or (
                not str(self.file).lower().endswith(TABLE_SUFFIXES)):
            return ""
        number, letters = self.column, ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(65 + rest) + letters
        return f"（{letters}{self.line}）"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class ProblemsError(Exception):
    """Raised by loaders when a file cannot be used; carries every problem found, and the
    rows above the header when the file's cells were read (a `填报单位：…` line the inbox
    checks too, so that a clerk hears of a misspelt unit with the bad cells, not after them)."""

    def __init__(self, problems: list[Problem], preamble: tuple[str, ...] = ()) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems
        self.preamble = preamble


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
