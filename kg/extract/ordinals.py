"""Ordinal numbers as releases write them: "3rd", "third", "Twenty-Third", "fortieth", "XXth", and a
Roman numeral opening a name ("the XVII Ordinary Assembly")."""
from __future__ import annotations

import re

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
# "3rd", and "143rd/144th" or "143rd-144th": two numbered sessions held as one (the first number)
_ORDINAL = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)(?:[/-]\d{1,3}(?:st|nd|rd|th))?$", re.I)

_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_TENS_ORDINAL = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
                 "eightieth": 80, "ninetieth": 90}

_ROMAN_ORDINAL = re.compile(r"^([XVI]{1,7})(?:st|nd|rd|th)$")
_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


_BARE_ROMAN = re.compile(r"^(X{0,3}(?:IX|IV|V?I{0,3}))$")


def ordinal_of(word: str, first: bool = False) -> int | None:
    """The number of an ordinal: "3rd", "third", "Twenty-Third", "fortieth", "XXth"; and, as the ``first``
    word of a name, a Roman numeral of two letters or more ("the XVII Ordinary Assembly")."""
    m = _ORDINAL.match(word)
    if m:
        return int(m.group(1))
    m = _ROMAN_ORDINAL.match(word)
    if m:  # "XXth", "IIIrd"
        return _roman(m.group(1))
    if first and len(word) >= 2 and _BARE_ROMAN.match(word):
        return _roman(word)
    w = word.lower()
    if "-" in w:  # "twenty-third"
        tens, _, unit = w.partition("-")
        n = _ORDINAL_WORDS.get(unit)
        return _TENS[tens] + n if tens in _TENS and n is not None and n < 10 else None
    return _ORDINAL_WORDS.get(w) or _TENS_ORDINAL.get(w)
