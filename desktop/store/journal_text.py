"""How journal text is indexed and how a search box's words become an FTS5 query.

The index uses FTS5's ``unicode61`` tokenizer with ``remove_diacritics 2`` (case folded,
accents dropped, so "dificil" finds "difícil"). ``unicode61`` keeps a run of Chinese
characters as one token, so before indexing each Han, kana and Hangul character is set
apart by spaces (``index_form``): every such character is a token, and a search for
"电话" becomes the phrase "电 话", which matches those two characters side by side
anywhere, however short the query. ``unicode61`` also reads emoji and other symbols as
spaces, so each becomes a word of two private-use characters (which it keeps): "😡" is
found alone or inside "rough😡call", and "👍🏽" or a woman technologist (woman, joiner,
laptop) as the whole sequence (while "👍" also finds "👍🏽"). docs/schema.md explains the choice.

Plain Python, no SQLite: the migration, the store and the tests share it.
"""

from __future__ import annotations

import re
import unicodedata

# Scripts written without spaces between words (and Hangul, whose words carry particles):
# CJK radicals, iteration marks, kana, Han (with extensions A–H and compatibility forms),
# Hangul syllables.
_SPACELESS = re.compile(
    "([\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f\U00031350-\U000323af])")


# Variation selectors only choose how a symbol is drawn (text ❤ or emoji ❤️): a search
# for either finds both.
_DRAWN_AS = dict.fromkeys((0xFE0E, 0xFE0F))
_ZWJ = "\u200d"
# ASCII holds no symbol of these kinds: index_form looks closer only at the rest.
_MAYBE_SYMBOL = re.compile("[\u00a0-\U0010ffff]")


def _symbolic(ch: str) -> bool:
    """Whether ``ch`` is one of the characters an emoji or pictograph is written with:
    symbols (So: emoji, ✔ ★ ♥ ©, flags' regional indicators), skin-tone modifiers,
    enclosing marks (the keycap of 1️⃣), the zero-width joiner (U+200D) that makes one
    emoji of a woman and a laptop, and the tags (U+E0020-E007F) of a Scottish flag.
    Private-use characters of planes 15–16 count too: they are what symbols become in the
    index, so a person's own are encoded in the same way and never mistaken for one."""
    category = unicodedata.category(ch)
    code = ord(ch)
    return (category in ("So", "Me") or 0x1F3FB <= code <= 0x1F3FF or ch == _ZWJ
            or 0xE0020 <= code <= 0xE007F or (category == "Co" and code >= 0xF0000))


def _symbol_token(ch: str) -> str:
    # unicode61 treats symbols as separators, but private-use characters as letters: each
    # symbol becomes a word of two private-use characters (its plane, then its place in
    # the plane), set apart from its neighbours.
    code = ord(ch)
    return f" {chr(0xF0000 + (code >> 16))}{chr(0x100000 + (code & 0xFFFF))} "


def _set_symbols_apart(match: re.Match[str]) -> str:
    ch = match.group()
    return _symbol_token(ch) if _symbolic(ch) else ch


def index_form(text: str) -> str:
    """The text as the index sees it: NFKC (full-width letters become plain ones, and
    decomposed accents composed) with each spaceless-script character set apart, and
    each emoji or other symbol set apart as a word of its own (``_symbol_token``)."""
    text = unicodedata.normalize("NFKC", text.replace("\x00", " ")).translate(_DRAWN_AS)
    text = _SPACELESS.sub(r" \1 ", text)
    return _MAYBE_SYMBOL.sub(_set_symbols_apart, text)


def _searchable(chunk: str) -> bool:
    return any(ch.isalnum() or _symbolic(ch) for ch in chunk)


def match_query(words: str) -> str | None:
    """An FTS5 MATCH expression for what the user typed, or None when nothing in it can
    be searched for (only spaces or punctuation).

    Every whitespace-separated piece becomes one quoted phrase with a prefix star: all
    pieces must occur (AND), the last word may still be being typed ("dific" finds
    "difícil"), and nothing the user types is read as FTS syntax — quotes are doubled,
    and ``OR``, ``NEAR``, ``-``, ``*``, ``:`` and ``^`` are just characters inside a phrase.
    """
    phrases = []
    for piece in unicodedata.normalize("NFKC", words).split():
        if not _searchable(piece):
            continue
        # One phrase per piece: "电话" stays the phrase "电 话" (side by side), and inside
        # a phrase the tokenizer drops punctuation ("don't" is the phrase don t).
        chunk = " ".join(index_form(piece).split())
        phrases.append('"' + chunk.replace('"', '""') + '"*')
    if not phrases:
        return None
    return " AND ".join(phrases)
