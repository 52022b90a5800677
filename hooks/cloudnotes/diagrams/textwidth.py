"""Conservative text-width estimates, so boxes are sized before any browser sees them.

The site has no web font (``theme.font: false``): a reader's browser picks Apple SD
Gothic Neo, Malgun Gothic, Noto Sans KR or NanumGothic. Latin advance widths below are
Helvetica/Arial's (per 1000 em units), scaled up by ``LATIN_SAFETY`` because the Korean
faces draw Latin wider than Arial; Hangul, CJK and anything else count as a full em.
The browser tests check the estimate against real glyph boxes in Chromium.
"""

from __future__ import annotations

import unicodedata

LATIN_SAFETY = 1.18
BOLD_SAFETY = 1.08
FULL_EM = 1000

_ASCII_WIDTHS = (
    # space ! " # $ % & ' ( ) * + , - . /
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    # 0-9
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556,
    # : ; < = > ? @
    278, 278, 584, 584, 584, 556, 1015,
    # A-Z
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,
    # [ \ ] ^ _ `
    278, 278, 278, 469, 556, 333,
    # a-z
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,
    # { | } ~
    334, 260, 334, 584,
)  # fmt: skip


def char_width_em(char: str) -> float:
    """Width of one character in em (1.0 = the font size), erring wide."""
    code = ord(char)
    if 32 <= code < 127:
        return _ASCII_WIDTHS[code - 32] * LATIN_SAFETY / FULL_EM
    return 0.0 if unicodedata.category(char) == "Mn" else 1.0


def text_width(text: str, *, font_size: float, bold: bool = False) -> float:
    """Estimated rendered width of ``text`` in the same units as ``font_size``."""
    width = sum(char_width_em(char) for char in text) * font_size
    return width * BOLD_SAFETY if bold else width


def wrap_text(text: str, *, max_width: float, font_size: float, bold: bool = False) -> list[str]:
    """Break ``text`` at ASCII spaces into lines no wider than ``max_width``.

    Returns ``[]`` when a single word is wider than ``max_width``: the caller reports it,
    because breaking a Korean word or a product name mid-word misleads readers.
    """
    lines: list[str] = []
    current = ""
    words = text.split(" ")
    for word in words:
        if text_width(word, font_size=font_size, bold=bold) > max_width:
            return []
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, font_size=font_size, bold=bold) <= max_width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) == 2:
        return _two_lines(words, max_width=max_width, font_size=font_size, bold=bold)
    return lines


def _two_lines(words: list[str], *, max_width: float, font_size: float, bold: bool) -> list[str]:
    """Two lines of ``words`` broken, if they fit, outside brackets and where the text pauses
    (after ":" "," ";" or before "("), else as late as possible: filling the first line
    left "하이퍼바이저 (호스트 OS에" over a lone "설치)"."""

    def fits(at: int) -> bool:
        return all(
            text_width(" ".join(part), font_size=font_size, bold=bold) <= max_width
            for part in (words[:at], words[at:])
        )

    def cost(at: int) -> tuple[bool, bool, int]:
        first = " ".join(words[:at])
        pause = first.endswith((":", ",", ";")) or words[at].startswith("(")
        return first.count("(") > first.count(")"), not pause, -at

    # The greedy break is among those that fit.
    best = min((at for at in range(1, len(words)) if fits(at)), key=cost)
    return [" ".join(words[:best]), " ".join(words[best:])]
