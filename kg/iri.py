"""The one place where IRIs are minted.

Every resource IRI is ``<base><kind>/<slug>``. Slugs are readable (lower-case words joined by ``-``),
keep letters of any script, and are always valid IRIs: anything that could break an IRI (spaces,
quotes, angle brackets, control characters, ...) is replaced, over-long slugs are shortened with a
hash suffix, and every minted IRI is checked by the strict parser of pyoxigraph.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

DEFAULT_BASE = "https://w3id.org/release-kg/id/"
ONTOLOGY = "https://w3id.org/release-kg/ontology#"
MAX_SLUG = 80

_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
_BASE_OK = re.compile(r"^https?://[^\s<>\"{}|\\^`]+[/#]$")


def _digest(text: str, n: int = 10) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def slug(text: str) -> str:
    """A readable, IRI-safe slug of ``text``.

    >>> slug("World Customs Organization")
    'world-customs-organization'
    >>> slug("Lomé, Togo")
    'lome-togo'
    >>> slug('</script> "x"')
    'script-x'
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = _NOT_WORD.sub("-", folded.lower()).replace("_", "-")
    words = re.sub(r"-{2,}", "-", words).strip("-")
    if not words:
        return "x-" + _digest(text)
    if len(words) > MAX_SLUG:
        words = words[:MAX_SLUG].rstrip("-") + "-" + _digest(text, 8)
    return words


def check_base(base: str) -> str:
    """Return ``base`` if it can prefix IRIs, else raise ``ValueError``.

    >>> check_base("https://example.org/kg/")
    'https://example.org/kg/'
    """
    ok = bool(_BASE_OK.match(base)) and base.count("#") <= 1 and not ("#" in base and not base.endswith("#"))
    if ok:
        try:
            checked(base + "x")
        except ValueError:
            ok = False
    if not ok:
        raise ValueError(f"the base IRI must be an http(s) IRI ending in '/' or '#', without spaces: {base!r}")
    return base


def mint(kind: str, ident: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of the thing of ``kind`` known by ``ident``.

    >>> mint("org", "World Customs Organization")
    'https://w3id.org/release-kg/id/org/world-customs-organization'
    """
    return checked(f"{base}{kind}/{slug(ident)}")


def release_iri(release_id: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of a release; ids that do not survive as slugs get a hash so two ids never collide.

    >>> release_iri("000_460ff2c4436acc53")
    'https://w3id.org/release-kg/id/release/000_460ff2c4436acc53'
    """
    s = re.sub(r"[^\w.-]+", "-", release_id, flags=re.ASCII).strip("-")
    if s != release_id or not s.strip("."):  # "." and ".." are path steps, not names
        # "~" never occurs in an id kept as it is, so a hashed form is never another release's id
        s = (s[:MAX_SLUG] if s.strip(".") else "") + "~" + _digest(release_id, 8)
    return checked(f"{base}release/{s}")


def checked(iri: str) -> str:
    """Return ``iri`` if pyoxigraph's strict IRI parser accepts it, else raise ``ValueError``."""
    from pyoxigraph import NamedNode

    NamedNode(iri)  # raises ValueError on an invalid IRI
    if any(c in iri for c in ' <>"{}|\\^`') or any(ord(c) < 0x21 for c in iri):
        raise ValueError(f"invalid IRI {iri!r}")
    return iri
