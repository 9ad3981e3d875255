"""The bulletin in each format it is issued in: one renderer per format, one signature."""

from __future__ import annotations

from collections.abc import Callable

from .bulletin import Bulletin


def _html(bulletin: Bulletin) -> bytes:
    from .html import render_html

    return render_html(bulletin).encode("utf-8")


def _markdown(bulletin: Bulletin) -> bytes:
    from .markdown import render_markdown

    return render_markdown(bulletin).encode("utf-8")


def _docx(bulletin: Bulletin) -> bytes:
    from .tongbao import render_docx

    return render_docx(bulletin)


def _xlsx(bulletin: Bulletin) -> bytes:
    from .summary_xlsx import render_xlsx

    return render_xlsx(bulletin)


# format → renderer; each takes the bulletin's content model and returns the file's bytes.
RENDERERS: dict[str, Callable[[Bulletin], bytes]] = {"html": _html, "markdown": _markdown,
                                                     "docx": _docx, "xlsx": _xlsx}


def render_bulletin(bulletin: Bulletin, fmt: str) -> bytes:
    return RENDERERS[fmt](bulletin)
