"""The lights policy options that `report` and `check` share, and the one function that turns
them into a `LightPolicy`: a preset, then a policy file, then --yellow/--red on top."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .options import fail, usage_error

if TYPE_CHECKING:
    from ..engine.policy import LightPolicy


class Preset(StrEnum):
    default = "default"  # yellow from 10 points behind, red from 30 (银川)
    fifty = "50"  # yellow for any shortfall, red from 50 % of the schedule behind (三亚)


PolicyFileOption = Annotated[
    Path | None,
    typer.Option("--policy", metavar="FILE", help="Lights policy (YAML): yellow, red, basis, "
                 "no_report, letter_after, interview_after, preset.", show_default=False),
]
PresetOption = Annotated[
    Preset | None,
    typer.Option("--preset", help="Light bands: default (yellow from 10, red from 30 points "
                 "behind) or 50 (三亚: yellow when behind, red from 50% of the schedule "
                 "behind).", show_default=False),
]
YellowOption = Annotated[
    float | None,
    typer.Option("--yellow", metavar="N", min=0, max=1000,
                 help="Yellow light from N points behind the schedule (default 10).",
                 show_default=False),
]
RedOption = Annotated[
    float | None,
    typer.Option("--red", metavar="N", min=0, max=1000,
                 help="Red light from N points behind the schedule (default 30); overdue is "
                 "always red.", show_default=False),
]


def resolve_policy(path: Path | None = None, preset: Preset | None = None,
                   yellow: float | None = None, red: float | None = None) -> LightPolicy:
    """The policy the options describe; exit 2 with located problems on a bad file and a
    message on bands that do not fit (yellow above red)."""
    from ..engine.policy import PRESETS, policy_from_yaml
    from ..i18n import say
    from ..problems import Problem

    policy = PRESETS[(preset or Preset.default).value]
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            fail([Problem("file-not-found", say("policy.not-found"), file=str(path))])
        except (OSError, UnicodeDecodeError) as exc:
            fail([Problem("file-unreadable", say("policy.unreadable",
                                                 error=exc.__class__.__name__), file=str(path))])
        loaded, problems = policy_from_yaml(text, str(path), preset.value if preset else None)
        if loaded is None:
            fail(problems)
        policy = loaded
    try:
        return replace(policy, yellow=policy.yellow if yellow is None else yellow,
                       red=policy.red if red is None else red)
    except ValueError as exc:
        usage_error(say("policy.options", error=exc.args[0] if exc.args else str(exc)))

