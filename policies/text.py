"""Policy texts: safe Markdown rendering and a side-by-side line diff."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

_ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML, then sanitised: no scripts, event handlers, styles or ``javascript:`` links."""
    html = markdown.markdown(
        text or "",
        # A policy's own "# Title" becomes an <h2>: the page's one <h1> is the policy's title.
        extensions=["tables", "sane_lists", "fenced_code", "toc"],
        extension_configs={"toc": {"baselevel": 2}},
        output_format="html",
    )
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


@dataclass(frozen=True)
class DiffRow:
    kind: str  # "equal", "replace", "delete" or "insert"
    left_number: int | None
    left: str
    right_number: int | None
    right: str


def side_by_side_diff(old: str, new: str) -> list[DiffRow]:
    """Line pairs for a two-column diff; the template escapes the text."""
    a, b = (old or "").splitlines(), (new or "").splitlines()
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        length = max(i2 - i1, j2 - j1)
        for offset in range(length):
            i, j = i1 + offset, j1 + offset
            left = a[i] if i < i2 else None
            right = b[j] if j < j2 else None
            kind = tag
            if tag == "replace":
                kind = (
                    "replace"
                    if left is not None and right is not None
                    else ("delete" if right is None else "insert")
                )
            rows.append(
                DiffRow(
                    kind=kind,
                    left_number=i + 1 if left is not None else None,
                    left=left or "",
                    right_number=j + 1 if right is not None else None,
                    right=right or "",
                )
            )
    return rows
