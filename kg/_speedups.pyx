# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled forms of the two scans every release goes through: its tokens and the occurrences of the
curated phrases. Each gives exactly what its pure-Python reference gives (``kg.extract.mentions``,
``kg.extract.lexicon``; the tests compare them on random text); the package works without this
module, only slower."""
from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISSPACE


cdef extern from "Python.h":
    # the characters of a str as stored (1, 2 or 4 bytes each): read without a bounds check or a
    # new object per character
    int PyUnicode_READY(object text) except -1
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index) noexcept nogil


cdef inline bint _word(Py_UCS4 c) noexcept:
    """A character of ``\\w``: a letter, a digit or the underscore."""
    if c < 128:
        return (u'a' <= c <= u'z') or (u'A' <= c <= u'Z') or (u'0' <= c <= u'9') or c == u'_'
    return Py_UNICODE_ISALNUM(c)


cdef inline bint _joined(Py_UCS4 c) noexcept:
    """A character that joins a phrase to its neighbour: a word character or the hyphen."""
    return c == u'-' or _word(c)


cdef inline bint _inner(Py_UCS4 c) noexcept:
    """A character that may join two runs of word characters inside one token."""
    return c == u'-' or c == u'.' or c == u'/' or c == u'&' or c == u'\u2019' or c == u"'"


def tokens(str text):
    """The matches of ``\\w+(?:[-./&’']\\w+)*|[^\\w\\s]`` in ``text``: (tokens as (start, end, text),
    their starts)."""
    cdef Py_ssize_t n = len(text), i = 0, j
    cdef Py_UCS4 c
    PyUnicode_READY(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    toks = []
    starts = []
    while i < n:
        c = PyUnicode_READ(kind, data, i)
        if _word(c):
            j = i + 1
            while j < n and _word(PyUnicode_READ(kind, data, j)):
                j += 1
            while j + 1 < n and _inner(PyUnicode_READ(kind, data, j)) and _word(PyUnicode_READ(kind, data, j + 1)):
                j += 2
                while j < n and _word(PyUnicode_READ(kind, data, j)):
                    j += 1
            toks.append((i, j, text[i:j]))
            starts.append(i)
            i = j
        elif Py_UNICODE_ISSPACE(c):
            i += 1
        else:
            toks.append((i, i + 1, text[i:i + 1]))
            starts.append(i)
            i += 1
    return toks, starts


def phrase_hits(str text, str hay, dict first_runs, Py_ssize_t sets):
    """For each of ``sets`` phrase sets, the starts and ends of its leftmost-longest whole-word hits.

    ``hay`` is ``text`` lower-cased, one character for one. A phrase that starts at a word boundary
    starts a maximal run of word characters and hyphens in ``hay``, and that run is the phrase's own
    first run: ``first_runs`` maps each first run to its phrases as (phrase, length, owners), an owner
    being (set, the phrase as written or None when the set ignores case).
    """
    cdef Py_ssize_t n = len(hay), i = 0, j, b, klen
    PyUnicode_READY(hay)
    cdef int kind = PyUnicode_KIND(hay)
    cdef void *data = PyUnicode_DATA(hay)
    found = [[] for _ in range(sets)]
    while i < n:
        if not _joined(PyUnicode_READ(kind, data, i)):
            i += 1
            continue
        j = i + 1
        while j < n and _joined(PyUnicode_READ(kind, data, j)):
            j += 1
        candidates = first_runs.get(hay[i:j])
        if candidates is not None:
            for key, klen, owners in candidates:
                b = i + klen
                if klen != j - i and (b > n or j == n or PyUnicode_READ(kind, data, j) != (<str>key)[j - i]
                                      or (b < n and _joined(PyUnicode_READ(kind, data, b))) or not hay.startswith(key, i)):
                    continue
                for index, written in owners:
                    if written is None or text[i:b] == written:
                        found[index].append((i, -b))
        i = j
    out = []
    cdef Py_ssize_t a, last
    for hits in found:
        starts = []
        ends = []
        if hits:
            hits.sort()  # by start, the longest first
            last = -1
            for a, b in hits:
                if a < last:
                    continue
                starts.append(a)
                ends.append(-b)
                last = -b
        out.append((starts, ends))
    return out
