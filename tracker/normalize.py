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


# The characters _FOLD changes, as one class: a regex finds the few in a paragraph far faster
# than str.translate walks a dict for every character.
_SPECIAL = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD[ord(match.group())] or ""


def normalize(text: str) -> str:
    """Fold typography and white space."""
    folded = _SPECIAL.sub(_fold_char, text)
    if not folded.isascii():
        folded = unicodedata.normalize("NFC", folded)
    if "  " in folded:
        folded = _SPACES.sub(" ", folded)
    return folded.strip()


def words(normalized: str) -> list[str]:
    """Lower-cased word tokens of already normalized text, for similarity."""
    return _WORD.findall(normalized.lower())


def digest(*parts: str) -> str:
    """A short stable hash of text parts (64-bit hex); parts are separated unambiguously."""
    joined = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(joined, digest_size=8).hexdigest()


FUNCTION_WORD = 0  # the term of every short word ("a", "of", "to"): common in any story


def counted(word: str) -> bool:
    """Whether the story's statistics count a word: words of one or two letters are all one
    common term (they carry no identity, and counting them would cost a row each)."""
    return len(word) > 2 or not word.isalpha()


def term_of(word: str) -> int:
    """A word's term for the story's statistics (FUNCTION_WORD for short words)."""
    term = _TERMS.get(word)
    if term is None:
        term = term_hash(word) if counted(word) else FUNCTION_WORD
        if len(_TERMS) < _MAX_TERMS:
            _TERMS[word] = term
    return term


# A plain dict in front of the hashing: every post's every word goes through term_of, and a
# story's vocabulary is small (a daemon's many stories stop adding at the bound).
_TERMS: dict[str, int] = {}
_MAX_TERMS = 1 << 18


def term_hash(word: str) -> int:
    """A stable 63-bit hash of a lower-cased word, the key of the story's term statistics."""
    raw = hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(raw.digest(), "big") >> 1


def fingerprint(normalized: str) -> int:
    """A non-negative 63-bit integer hash of normalized text, for the candidate index."""
    raw = hashlib.blake2b(normalized.lower().encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(raw.digest(), "big") >> 1


CURLY_OPENING = re.compile("[\u2018\u201c]")


def opens_curly(text: str) -> bool:
    """Whether the text opens with a curly quote (typography tells headlines from text)."""
    return CURLY_OPENING.match(text.lstrip()) is not None
