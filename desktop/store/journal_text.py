"""How journal text is indexed and how a search box's words become an FTS5 query.

The index uses FTS5's ``unicode61`` tokenizer with ``remove_diacritics 2`` (case folded,
accents dropped, so "dificil" finds "difícil"). ``unicode61`` keeps a run of Chinese
characters as one token, so before indexing each Han, kana and Hangul character is set
apart by spaces (``index_form``): every such character is a token, and a search for
"电话" becomes the phrase "电 话", which matches those two characters side by side
anywhere, however short the query. docs/schema.md explains the choice.

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


def index_form(text: str) -> str:
    """The text as the index sees it: NFKC (full-width letters become plain ones, and
    decomposed accents composed) with each spaceless-script character set apart."""
    text = unicodedata.normalize("NFKC", text.replace("\x00", " "))
    return _SPACELESS.sub(r" \1 ", text)


def _searchable(chunk: str) -> bool:
    return any(ch.isalnum() for ch in chunk)


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
