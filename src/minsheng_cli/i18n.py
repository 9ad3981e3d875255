"""Messages in two languages: a `Msg` is its English text (a `str`, so every caller that treats a
message as a string keeps working) that also knows its catalog key and parameters, so it can be
rendered in Chinese. The language: `--lang`, else `MINSHENG_LANG`, else Chinese. No I/O."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any, Literal, Self

from .catalog import MESSAGES

Lang = Literal["zh", "en"]
ENV = "MINSHENG_LANG"
_chosen: Lang | None = None


def current_lang() -> Lang:
    """The language chosen with `--lang`, else `MINSHENG_LANG`, else zh."""
    if _chosen is not None:
        return _chosen
    return "en" if os.environ.get(ENV, "").strip().lower().startswith("en") else "zh"


def set_lang(lang: str | None) -> None:
    """Choose the language of every message from now on (None: back to the environment's)."""
    global _chosen
    _chosen = None if lang is None else ("en" if lang == "en" else "zh")


class Msg(str):
    """A message from the catalog: `str(msg)` is the English text; `msg.text("zh")` the Chinese.
    Parameters that are themselves `Msg`s are rendered in the same language."""

    key: str
    params: Mapping[str, Any]

    def __new__(cls, key: str, params: Mapping[str, Any] | None = None) -> Self:
        params = dict(params or {})
        self = super().__new__(cls, _render(key, params, "en"))
        self.key, self.params = key, params
        return self

    def text(self, lang: str | None = None) -> str:
        return _render(self.key, self.params, "en" if (lang or current_lang()) == "en" else "zh")

    def __reduce__(self) -> tuple[type[Msg], tuple[str, Mapping[str, Any]]]:
        return Msg, (self.key, self.params)  # so deepcopy (dataclasses.asdict) and pickle keep it


class Join(Msg):
    """Messages (or data) joined by a separator (zh, en), each rendered in the language asked."""

    parts: tuple[str, ...]
    sep: tuple[str, str]

    def __new__(cls, sep: tuple[str, str], parts: Sequence[str]) -> Self:
        self = str.__new__(cls, sep[1].join(text(p, "en") for p in parts))
        self.key, self.params, self.sep, self.parts = "", {}, sep, tuple(parts)
        return self

    def text(self, lang: str | None = None) -> str:
        lang = lang or current_lang()
        return self.sep[lang == "en"].join(text(p, lang) for p in self.parts)

    def __reduce__(self) -> tuple[type[Join], tuple[tuple[str, str], tuple[str, ...]]]:  # type: ignore[override]
        return Join, (self.sep, self.parts)


def say(key: str, /, **params: Any) -> Msg:
    """The catalog's message `key` with its placeholders filled."""
    return Msg(key, params)


def text(message: str, lang: str | None = None) -> str:
    """Any message in the language: a `Msg` is rendered, a plain string is as it is."""
    return message.text(lang) if isinstance(message, Msg) else str(message)


def _render(key: str, params: Mapping[str, Any], lang: Lang) -> str:
    zh, en = MESSAGES[key]
    values = {k: (v.text(lang) if isinstance(v, Msg) else v) for k, v in params.items()}
    return (en if lang == "en" else zh).format(**values)
