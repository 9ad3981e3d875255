"""A month's submissions in: any number of files and folders, in any mix of formats and
encodings, → one set of reports, each row knowing its file, sheet and row.

Each file is read and checked on its own (load.py); then the rows that lack a unit get the one
the file declares (a `填报单位：…` line above the header) or names (its file name), and the
reports that arrived twice are counted once — or refused, located in both files, where they
disagree.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..i18n import Join, say
from ..plan.model import Kind, Plan
from ..plan.units import Registry, registry, unit_key
from ..problems import Problem, ProblemsError, errors
from ..text import shown
from .header import FIELDS, REQUIRED
from .load import UNREAD_SPREADSHEETS, Actuals, load_actuals
from .relations import shown_number

PER_FILE = 200  # decreases said between files at the most

SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".parquet")
_DECLARED = re.compile(r"填报单位\s*[:：]\s*([^\s,，;；:：]+)")
KNOWN = frozenset(SUFFIXES) | UNREAD_SPREADSHEETS  # a name with one of these names a file
_NAMES = Join(("、", ", "), [FIELDS[f][1] for f in REQUIRED])
_SYSTEM = {"thumbs.db", "desktop.ini"}  # what Windows leaves in a folder: said nothing about


def report_files(paths: Sequence[Path], reg: Registry | None = None
                 ) -> tuple[list[Path], list[Problem]]:
    """Files as given, folders read recursively, in name order: report files, and the
    spreadsheets minsheng cannot read (a unit's report all the same, refused with what to do);
    a note for every other file in a folder, saying whose report it may be."""
    files: list[Path] = []
    notes: list[Problem] = []
    for path in paths:
        if not path.is_dir() or path.suffix.lower() in UNREAD_SPREADSHEETS:
            files.append(path)  # (a Numbers file may be a folder: refused as what it is)
            continue
        found = sorted(path.rglob("*"))
        packages = [p for p in found if p.is_dir() and p.suffix.lower() in UNREAD_SPREADSHEETS]
        for file in found:
            if file.name.startswith((".", "~$")) or file.name.lower() in _SYSTEM:
                continue  # hidden files, Office's lock files, Windows' thumbnails
            if any(package in file.parents for package in packages):
                continue  # inside a Numbers file saved as a folder: the package is the file
            suffix = file.suffix.lower()
            if suffix in SUFFIXES or suffix in UNREAD_SPREADSHEETS:
                if file.is_file() or file in packages:
                    files.append(file)
            elif file.is_file():
                unit = _named(file, reg) if reg else None
                notes.append(Problem("file-skipped", say(
                    "inbox.skipped", suffixes=", ".join(SUFFIXES)) if unit is None else say(
                    "inbox.skipped-unit", suffixes=", ".join(SUFFIXES), unit=unit),
                                     str(file), severity="warning"))
    return list(dict.fromkeys(files)), notes


def load_inputs(paths: Sequence[Path | str], plan: Plan) -> Actuals:
    """Every report of every input, with `file` (and `sheet`) per row; raise ProblemsError
    carrying every error of every file."""
    given = [Path(p) for p in paths]
    reg = registry(plan)
    files, warnings = report_files(given, reg)
    if not files:
        raise ProblemsError([Problem("empty-file", say("inbox.empty", suffixes=", ".join(SUFFIXES)),
                                     ", ".join(map(str, paths)))])
    frames: list[pd.DataFrame] = []
    problems: list[Problem] = []
    read: list[Path] = []
    for file in files:
        if not os.path.lexists(file) and file.suffix.lower() not in KNOWN:
            problems.append(Problem("file-not-found", say("inbox.not-found"), str(file)))
            continue  # `inbox/2023-09`: a folder, perhaps, as much as a file
        try:
            data = load_actuals(file, plan)
        except ProblemsError as exc:
            if file not in given and file.suffix.lower() == ".txt" and _no_table(exc.problems):
                warnings.append(Problem("file-skipped", say("inbox.note", names=_NAMES),
                                        str(file), severity="warning"))
            else:  # a misspelt 填报单位 above the header first, then the cells
                unknown = _unknown_declared(file, exc.preamble, reg)
                problems += [unknown, *exc.problems] if unknown else exc.problems
            continue
        read.append(file)
        warnings += data.warnings
        frame = data.frame
        if unknown := _unknown_declared(file, data.preamble, reg):
            problems.append(unknown)  # never left blank: a blank row is the district total's
            continue
        if len(files) > 1 or _declared(data.preamble, reg):
            frame, found = _fill_units(frame, file, data.preamble, reg, several=len(files) > 1)
            problems += found
        frames.append(frame)
    if errors(problems):
        raise ProblemsError(problems + warnings)
    if not frames:  # only covering notes
        raise ProblemsError(warnings + [Problem("empty-file", say(
            "inbox.empty", suffixes=", ".join(SUFFIXES)), ", ".join(map(str, paths)))])
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    frame, found = _resends(frame) if len(frames) > 1 else (frame, [])  # (one file: checked)
    if errors(found):
        raise ProblemsError(found + warnings)
    sheets = frame["sheet"].nunique() if "sheet" in frame else 0
    found += decreases_across(frame, plan) if len(frames) > 1 or sheets > 1 else []
    text = ["reporter", "indicator", "note", "file", *(["sheet"] if "sheet" in frame else [])]
    frame = frame.astype(dict.fromkeys(text, "category"))
    return Actuals(_where(read, given), frame, None, warnings + found + problems)


def _where(read: list[Path], given: list[Path]) -> str:
    """Where what concerns the whole round is said to be: the one file read, else the one folder
    given, else `26 个文件` (a message: it is said in the language chosen)."""
    if len(read) == 1:
        return str(read[0])
    if len(given) == 1 and given[0].is_dir():
        return str(given[0])
    return say("inbox.files", n=len(read))


def _no_table(problems: list[Problem]) -> bool:
    """The reader found no row naming any required column (or nothing at all): a text of prose,
    such as a covering note, rather than a report with a mistake in its header."""
    found = errors(problems)
    keys = [getattr(p.message, "key", "") for p in found]
    return bool(keys) and (all(k in ("file.empty", "header.no-content") for k in keys) or (
        keys.count("header.missing") == len(keys) == len(REQUIRED)))


def _declared(preamble: tuple[str, ...], reg: Registry) -> str | None:
    """The unit a file declares above its header (`填报单位：新塘镇`), if any: the reader kept
    the rows above the header, so the file is not opened again."""
    match = _DECLARED.search("\n".join(preamble))
    return (reg.resolve(match[1]) if reg else match[1]) if match else None


def _unknown_declared(file: Path, preamble: tuple[str, ...], reg: Registry) -> Problem | None:
    """`unknown-reporter` at the `填报单位：…` line above the header when it names no unit of
    the registry (新唐镇): a misspelt unit must not leave the rows unnamed."""
    if not reg:
        return None
    for line, text in enumerate(preamble, 1):
        if (match := _DECLARED.search(text)) and reg.resolve(match[1]) is None:
            near = reg.suggest(match[1])
            value = shown(match[1])
            message = (say("reporter.unknown-near", value=value, near=" / ".join(near)) if near
                       else say("reporter.unknown", value=value))
            return Problem("unknown-reporter", say("reporter.declared", message=message),
                           str(file), line, "填报单位")
    return None


def _named(file: Path, reg: Registry) -> str | None:
    """The one unit whose name or alias the file name contains (None if none or several)."""
    stem = unit_key(file.stem)
    found = {unit for key, unit in reg.index.items() if len(key) >= 2 and key in stem}
    # a longer name that contains a shorter one (荔城街道 ⊃ 荔城) is the one meant
    found = {u for u in found if not any(u != v and u in v for v in found)}
    return found.pop() if len(found) == 1 else None


def _fill_units(frame: pd.DataFrame, file: Path, preamble: tuple[str, ...], reg: Registry,
                several: bool
                ) -> tuple[pd.DataFrame, list[Problem]]:
    """Rows without a reporter take the file's unit; with several inputs, a row whose unit
    cannot be told is an error (two towns' unlabelled files must never overwrite each other)."""
    blank = (frame["reporter"].astype(str) == "").to_numpy()
    if not blank.any():
        return frame, []
    unit = _declared(preamble, reg)
    notes: list[Problem] = []
    if unit is None and reg:
        unit = _named(file, reg)
        if unit is not None:
            notes.append(Problem("unit-from-filename", say("inbox.unit-from-name",
                                                           n=int(blank.sum()), unit=unit),
                                 str(file), severity="warning"))
    if unit is None:
        if not several:
            return frame, []
        first = int(frame.loc[blank, "row"].iloc[0])
        return frame, [Problem("unit-unknown", say("inbox.unit-unknown", n=int(blank.sum())),
                               str(file), first, "填报单位")]
    reporter = frame["reporter"].astype(str).where(~blank, unit)
    return frame.assign(reporter=reporter), notes


def _place(row: pd.Series) -> str:
    sheet = f":{row['sheet']}" if "sheet" in row and isinstance(row["sheet"], str) \
        and row["sheet"] else ""
    return f"{row['file']}{sheet}:{int(row['row'])}"


def _resends(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Reports of one unit, indicator and date sent from two places: counted once when equal
    (a note per file), a located error naming both places when they differ."""
    key = ["reporter", "indicator", "as_of"]
    again = frame.duplicated(key, keep=False).to_numpy()
    if not again.any():
        return frame, []
    twice = frame[again]
    problems: list[Problem] = []
    repeated: dict[tuple[str, str], int] = {}
    drop: list[int] = []
    for _, group in twice.groupby(key, sort=False, observed=True):
        if group["file"].nunique() < 2:
            continue  # within one file: the file's own check has judged it
        first = group.iloc[0]
        for index, row in group.iloc[1:].iterrows():
            if row["file"] == first["file"]:
                continue
            if row["value"] == first["value"]:
                drop.append(int(str(index)))
                pair = (str(row["file"]), str(first["file"]))
                repeated[pair] = repeated.get(pair, 0) + 1
            else:
                problems.append(Problem(
                    "conflicting-reports", say(
                        "inbox.conflict", id=row["indicator"], reporter=row["reporter"],
                        date=row["as_of"].date(), first=_place(first), a=f"{first['value']:g}",
                        place=_place(row), b=f"{row['value']:g}"), str(row["file"]),
                    int(row["row"]), "累计完成"))
    problems += [Problem("duplicate-report", say("inbox.duplicate", n=n, earlier=earlier), later,
                         severity="warning")
                 for (later, earlier), n in repeated.items()]
    return frame.drop(index=drop), problems


def decreases_across(frame: pd.DataFrame, plan: Plan,
                     known: Sequence[pd.DataFrame] = ()) -> list[Problem]:
    """`cumulative-decrease` where a unit's later report of an indicator is below its earlier
    one and the two come from different files or sheets (within a sheet, its own check has said
    it): a figure typed with a wrong date (2023-01-31 for 2023-10-31) is below last month's
    then. Not for a rate (a level may go down); not for a pair both of whose reports one of
    `known` holds (a frame whose decreases were said when it was read)."""
    import numpy as np

    if len(frame) < 2 or "file" not in frame:
        return []
    rates = {ind.id for _, ind in plan.indicators() if ind.kind is Kind.rate}
    value = frame["value"].to_numpy(dtype=float)
    day = frame["as_of"].to_numpy().astype("datetime64[ns]")
    names = frame["indicator"].astype(object)
    at = np.flatnonzero(~np.isnan(value) & ~np.isnat(day) & ~names.isin(rates).to_numpy())
    reporter = pd.factorize(frame["reporter"].astype(object).fillna(""))[0]
    indicator = pd.factorize(names)[0]
    order = at[np.lexsort((day[at], indicator[at], reporter[at]))]
    source = frame["file"].astype(str)
    if "sheet" in frame:
        source = source + "\0" + frame["sheet"].astype(object).fillna("").astype(str)
    files = pd.factorize(source)[0]
    before, after = order[:-1], order[1:]
    down = np.flatnonzero((reporter[before] == reporter[after])
                          & (indicator[before] == indicator[after])
                          & (value[after] < value[before]) & (files[after] != files[before]))
    seen = [set(zip(k["indicator"].astype(str), k["reporter"].astype(object).fillna("").astype(str),
                    k["as_of"], k["value"], strict=True)) for k in known]
    problems = []
    for i, j in zip(after[down].tolist(), before[down].tolist(), strict=True):
        later, earlier = frame.iloc[i], frame.iloc[j]
        pair = [(str(r["indicator"]), str(r["reporter"] or ""), r["as_of"], r["value"])
                for r in (later, earlier)]
        if any(pair[0] in keys and pair[1] in keys for keys in seen):
            continue
        problems.append(Problem("cumulative-decrease", say(
            "inbox.decrease", id=later["indicator"], reporter=later["reporter"] or say(
                "reporter.unnamed"), a=shown_number(earlier["value"]),
            date_a=earlier["as_of"].date(), first=_place(earlier), b=shown_number(later["value"]),
            date_b=later["as_of"].date()), str(later["file"]), int(later["row"]), "累计完成",
            severity="warning"))
        if len(problems) == PER_FILE:
            break
    rest = len(down) - len(problems)  # (pairs skipped as known are counted as more: rare)
    if len(problems) == PER_FILE and rest > 0:
        next_one = frame.iloc[int(after[down][-1])]  # the last of them: where it is said
        problems.append(Problem("cumulative-decrease", say("inbox.decrease-more", rest=rest),
                                str(next_one["file"]), int(next_one["row"]), "累计完成",
                                severity="warning"))
    return problems
