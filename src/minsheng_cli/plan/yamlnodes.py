"""Safe YAML → plain Python data, remembering where every value came from.

PyYAML's safe loader silently keeps the last of two duplicate keys and expands aliases into shared
objects (an "alias bomb" then explodes in whatever walks the result). We compose the node graph
instead, refuse duplicates and aliases with a located problem, and build the data ourselves.

Plain scalars are read as YAML 1.2 reads them, and as numbers or booleans only where YAML 1.1 (and
so PyYAML, and many other tools) reads them the same way: integers `70`, `-3`; decimals `404.65`,
`.5`, `1.5e+3`; `.inf`, `.nan`; `true`/`false`; `~`/`null`/empty; dates `2023-06-30`. Everything
else is text. A plain scalar that one YAML version reads as a number or boolean and the other does
not — `1:30` (90 to YAML 1.1, base 60), `yes`/`no`/`on`/`off`/`y`/`n` (YAML 1.1 booleans), `017`
(octal 15 to YAML 1.1, 17 to YAML 1.2), `0o17`, `1e3`, `1_000` — or a number not in decimal
(`0x1f`, `0b101`) is kept as text and listed in `Located.ambiguous` with what to write instead;
plan/load.py refuses it wherever the plan wants a number, so no reader's guess becomes a target.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..i18n import Msg, say
from ..problems import Problem
from ..text import shown
from .scalars import FORMS, HOW, SCALARS, STR, TIMESTAMP, Loader, ambiguity

Path = tuple[str | int, ...]
MAX_DEPTH = 64
MAX_PROBLEMS = 500  # per file; past it one line says there are more
MAX_KEY = 1024  # YAML's own limit on a key written without `?`; libyaml stops at it

@dataclass
class Located:
    """The data of one YAML document and the (line, column) of each value, keyed by path."""

    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # Plain scalars that YAML readers disagree about, kept as text: why, and what to write.
    ambiguous: dict[Path, Msg] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int] | None:
        """Position of the deepest known node along `path` (a key's own position if `key`)."""
        if key and path in self.key_positions:
            return self.key_positions[path]
        for end in range(len(path), -1, -1):
            if (pos := self.positions.get(tuple(path[:end]))) is not None:
                return pos
        return None


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load(text: str, file: str) -> tuple[Located | None, list[Problem]]:
    """Parse one YAML document; return its located data, or None and the problems found."""
    # Composing makes many small objects and no cycles: the cyclic collector's passes over them
    # are wasted time (a fifth of validating a plan), so it waits until the data is built.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(text, file)
    finally:
        if enabled:
            gc.enable()


def _load(text: str, file: str) -> tuple[Located | None, list[Problem]]:
    try:
        if (too_deep := _nests_deeper_than(text, MAX_DEPTH)) is not None:
            return None, [Problem("yaml-too-deep", say("yaml.too-deep", limit=MAX_DEPTH), file,
                                  *too_deep)]
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, file)]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_problem(exc, text, file)]
    except yaml.YAMLError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return None, [Problem("yaml-syntax", say("yaml.unreadable", reason=reason), file)]
    except RecursionError:
        return None, [Problem("yaml-too-deep", say("yaml.too-deep-stack"), file)]
    if root is None:
        return None, [Problem("empty-file", say("yaml.no-document"), file, 1, 1)]
    located = Located(None)
    problems: list[Problem] = []
    builder = _Builder(file, located, problems)
    located.data = builder.build(root, (), 0)
    if not problems and not isinstance(located.data, dict):
        line, col = _pos(root)
        kind = (say("yaml.kind.list") if isinstance(located.data, list)
                else say("yaml.kind.value", value=f"{located.data!r:.40}"))
        problems.append(Problem("yaml-not-mapping", say("yaml.not-mapping", kind=kind), file, line,
                                col))
    # A duplicate key leaves usable data (the first value is kept): go on and find the rest.
    usable = not builder.unusable and all(p.code != "yaml-not-mapping" for p in problems)
    return (located if usable else None), problems


class _Builder:
    def __init__(self, file: str, located: Located, problems: list[Problem]) -> None:
        self.file, self.located, self.problems = file, located, problems
        self.seen: dict[int, yaml.Node] = {}
        self.unusable = False  # a problem that leaves no value where one was written

    def _problem(self, code: str, message: Msg, node: yaml.Node, *, usable: bool = False) -> None:
        self.unusable |= not usable
        # A generated file can repeat one mistake a million times; a person needs the first ones.
        if len(self.problems) == MAX_PROBLEMS:
            self.problems.append(Problem(code, say("yaml.more"), self.file, *_pos(node)))
        if len(self.problems) <= MAX_PROBLEMS:
            self.problems.append(Problem(code, message, self.file, *_pos(node)))

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if id(node) in self.seen:  # the composer returns the anchored node again for an alias
            line, _ = _pos(node)
            self._problem("yaml-alias", say("yaml.alias", line=line), self._alias_site(path, node))
            return None
        if depth > MAX_DEPTH:
            self._problem("yaml-too-deep", say("yaml.too-deep-short", limit=MAX_DEPTH), node)
            return None
        self.seen[id(node)] = node
        mark = node.start_mark
        self.located.positions[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == STR:  # most values: skip the constructor's bookkeeping
                if not node.style and (why := ambiguity(node.value)) is not None:  # plain
                    self.located.ambiguous[path] = why
                return node.value
            return self._scalar(node, path)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)  # pragma: no cover - the composer makes only these three kinds

    def _scalar(self, node: yaml.Node, path: Path) -> Any:
        read = SCALARS.get(node.tag)
        value = shown(node.value)
        if read is None:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self._problem("yaml-syntax", say("yaml.tag", tag=shown(tag), value=value), node)
            return None
        if not FORMS[node.tag].fullmatch(node.value):  # `!!int 1:30`: only with a tag
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.located.ambiguous[path] = (ambiguity(node.value)
                                            or say("yaml.tag-form", tag=tag, how=HOW[node.tag]))
            return node.value  # as text, which a number field refuses, saying the above
        try:
            return read(node)
        except (yaml.YAMLError, ValueError, OverflowError):  # 2023-02-30
            key = "yaml.no-day" if node.tag == TIMESTAMP else "yaml.cannot-read"
            self._problem("invalid-value", say(key, value=value, how=HOW[node.tag]), node)
            return None

    def _alias_site(self, path: Path, node: yaml.Node) -> yaml.Node:
        # The alias itself has no node of its own; point at the key that holds it when we can.
        parent_key = self.located.key_positions.get(path)
        if parent_key is None:
            return node
        fake = yaml.ScalarNode("tag:yaml.org,2002:str", "")
        fake.start_mark = yaml.Mark("", 0, parent_key[0] - 1, parent_key[1] - 1,
                                    None, None)  # type: ignore[arg-type]  # no buffer: stubs say int
        return fake

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        key_positions = self.located.key_positions
        for key_node, value_node in node.value:
            tag = key_node.tag
            if tag != STR or not isinstance(key_node, yaml.ScalarNode):
                if tag == "tag:yaml.org,2002:merge":
                    self._problem("yaml-alias", say("yaml.merge-key"), key_node)
                else:
                    kind = (say("yaml.key.mapping") if isinstance(key_node, yaml.MappingNode)
                            else say("yaml.key.list") if isinstance(key_node, yaml.SequenceNode)
                            else say("yaml.key.value",
                                     value=f"{getattr(key_node, 'value', '')!r:.40}"))
                    self._problem("yaml-bad-key", say("yaml.bad-key", kind=kind), key_node)
                continue
            key = key_node.value
            if key in first_seen:
                line, _ = _pos(first_seen[key])
                self._problem("yaml-duplicate-key", say("yaml.duplicate-key", key=shown(key),
                                                        line=line), key_node, usable=True)
                continue
            first_seen[key] = key_node
            here = (*path, key)
            mark = key_node.start_mark
            key_positions[here] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, here, depth + 1)
        return result


# libyaml's composer recurses in C and overflows the stack (a crash, not an exception) somewhere past
# 20,000 levels. Every level needs one of these characters, so a text with fewer of them is safe.
_NESTING_CHARS = "[{-?:"
_SAFE_TOKENS = 8000


def _nests_deeper_than(text: str, limit: int) -> tuple[int, int] | None:
    """Where the YAML first nests deeper than `limit` (line, column); cheap for ordinary files."""
    if sum(text.count(c) for c in _NESTING_CHARS) < _SAFE_TOKENS:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=Loader):  # flat event stream: no recursion
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit and event.start_mark is not None:
                return event.start_mark.line + 1, event.start_mark.column + 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _reader_problem(exc: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    """A character YAML does not allow in a file (a control character such as ESC), located."""
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    at = text.find(char)
    line = text.count("\n", 0, at) + 1 if at >= 0 else None
    col = at - (text.rfind("\n", 0, at) + 1) + 1 if at >= 0 else None
    return Problem("yaml-syntax", say("yaml.control", code=f"{ord(char):04X}",
                                      escape=f"{ord(char):04x}"), file, line, col)


_KEY_START = re.compile(r"[ \t]*(?:[-?][ \t]+)*")
_KEY_END = re.compile(r":(?=[ \t]|$)")


def _long_key(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, int] | None:
    """(line, column, length) of a key longer than YAML allows, if that is what stopped the
    parser: it then says only "could not find expected ':'" or "mapping values are not allowed"."""
    what = exc.problem or ""
    if "expected ':'" not in what and "mapping values are not allowed" not in what:
        return None
    for mark in (exc.context_mark, exc.problem_mark):
        if mark is None:
            continue
        source = _line(text, mark.line)
        if len(source) <= MAX_KEY:
            continue
        start = _KEY_START.match(source).end()  # type: ignore[union-attr]
        end = _KEY_END.search(source, start)
        if end is not None and end.start() - start > MAX_KEY:
            return mark.line + 1, start + 1, end.start() - start
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    if (long_key := _long_key(exc, text)) is not None:
        at_line, at_col, length = long_key
        return Problem("yaml-bad-key", say("yaml.long-key", length=length, limit=MAX_KEY),
                       file, at_line, at_col)
    mark = exc.problem_mark or exc.context_mark
    line: int | None
    col: int | None
    line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
    if mark is not None and "\t" in (exc.problem or "") + _line(text, mark.line)[: mark.column + 1]:
        return Problem("yaml-tab", say("yaml.tab"), file, line, col)
    what = " ".join(filter(None, [exc.context, exc.problem]))
    if "nesting depth" in what:  # libyaml ≥ 0.2.6 stops at 1000 levels by itself
        return Problem("yaml-too-deep", say("yaml.too-deep", limit=MAX_DEPTH), file, line, col)
    opened = exc.context_mark or mark
    return Problem("yaml-syntax", say("yaml.syntax", what=_why(what, opened.line + 1 if opened
                                                             else line)), file, line, col)


# What stopped the parser (its context and problem, libyaml's or PyYAML's wording), in words.
_WHY = [
    (("quoted scalar", "end of stream"), "yaml.why.unclosed-quote"),
    (("escape",), "yaml.why.escape"),
    (("flow sequence",), "yaml.why.flow-sequence"),
    (("flow mapping",), "yaml.why.flow-mapping"),
    (("single document",), "yaml.why.two-documents"),
    (("another document",), "yaml.why.two-documents"),
    (("anchor",), "yaml.why.anchor"),
    (("alias",), "yaml.why.anchor"),
    (("tag",), "yaml.why.tag"),
    (("directive",), "yaml.why.directive"),
    (("document start",), "yaml.why.directive"),
    (("incompatible yaml document",), "yaml.why.directive"),
    (("block scalar",), "yaml.why.block-scalar"),
    (("mapping values are not allowed",), "yaml.why.colon"),
    (("simple key", "expected ':'"), "yaml.why.no-colon"),
    (("block mapping",), "yaml.why.block-mapping"),
    (("block collection",), "yaml.why.block-sequence"),
    (("block sequence",), "yaml.why.block-sequence"),
    (("cannot start any token",), "yaml.why.bad-start"),
    (("node content",), "yaml.why.no-value"),
    (("end of stream",), "yaml.why.truncated"),
]


_OPENED = {"yaml.why.unclosed-quote", "yaml.why.flow-sequence", "yaml.why.flow-mapping"}


def _why(what: str, opened: int | None) -> Msg:
    """The parser's message `what` as a sentence a clerk can act on (else as it is); `opened`:
    the line where what it was reading began (a quote, a bracket)."""
    lower = what.lower()
    for words, key in _WHY:
        if all(w in lower for w in words):
            return say(key, line=opened) if key in _OPENED else say(key)
    return say("yaml.why.other", detail=what)


def _line(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""
