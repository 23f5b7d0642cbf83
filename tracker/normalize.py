"""Normalization for hashing, matching and significance; originals are kept for display.

Folds Unicode spaces (NBSP, thin spaces…), curly quotes and apostrophes, dashes, and runs of
white space. Case is kept: a change of case is a change of words for significance.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_FOLD = str.maketrans(
    {
        **{
            c: " "
            for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
            "\u2008\u2009\u200a\u202f\u205f\u3000\t\r\n\f\v"
        },
        **{c: "" for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"},
        **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4\u0060"},
        **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
        "\u2026": "...",
    }
)
_SPACES = re.compile(r" {2,}")
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def normalize(text: str) -> str:
    """Fold typography and white space. Plain ASCII text skips the translation table."""
    if text.isascii():
        folded = text if text.isprintable() and "`" not in text else text.translate(_FOLD)
    else:
        folded = unicodedata.normalize("NFC", text.translate(_FOLD))
    if "  " in folded:
        folded = _SPACES.sub(" ", folded)
    return folded.strip()


def words(text: str) -> list[str]:
    """Lower-cased word tokens of normalized text, for similarity."""
    return _WORD.findall(normalize(text).lower())


def digest(*parts: str) -> str:
    """A short stable hash of text parts (64-bit hex); parts are separated unambiguously."""
    h = hashlib.blake2b(digest_size=8)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def fingerprint(text: str) -> int:
    """A signed 63-bit integer hash of normalized text, for the candidate index."""
    raw = hashlib.blake2b(normalize(text).lower().encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(raw.digest(), "big") >> 1
