"""Every message the tool says, as (zh, en) templates with the same `{placeholders}`.

Keys are stable names of a wording (`number.unreadable`); the problem's `[code]` is separate and
is the public interface. Parameters are data (shown in both languages as they are) or other
messages (rendered in the same language). A test checks both texts name the same placeholders.

The messages live beside the part of the tool that says them: `core` (reading reports, rounds,
usage, output files, limits), `plan_files` (reading a plan file), `plan_checks` (what validate and
audit find in a plan), `reading` (the readers of CSV, Excel and Parquet files) and `commands`
(policy files, command-line errors). A key is defined once.
"""

from __future__ import annotations

from . import commands, core, plan_checks, plan_files, reading


def _merge(*parts: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"message keys defined twice: {sorted(twice)}")
        merged.update(part)
    return merged


MESSAGES: dict[str, tuple[str, str]] = _merge(
    core.MESSAGES, plan_files.MESSAGES, plan_checks.MESSAGES, reading.MESSAGES, commands.MESSAGES)
