"""Cutting a name to fit a column or a field without cutting a word in two."""

from __future__ import annotations


def shorten(text: str, limit: int) -> str:
    """``text`` cut at the last whole word that fits in ``limit`` characters with "…" (the
    ellipsis included); whole when it fits. A single word longer than ``limit`` is cut."""
    text = str(text)
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    cut = room.rsplit(" ", 1)[0] if " " in room and text[limit - 1] != " " else room
    return cut.rstrip(" ,.;:-·") + "…"
