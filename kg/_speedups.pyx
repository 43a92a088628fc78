# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled forms of the two scans every release goes through: its tokens and the occurrences of the
curated phrases. Each gives exactly what its pure-Python reference gives (``kg.extract.mentions``,
``kg.extract.lexicon``; the tests compare them on random text); the package works without this
module, only slower."""
from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISSPACE, Py_UNICODE_ISUPPER


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


cdef inline bint _same_from(int kind, void *data, str key, Py_ssize_t at, Py_ssize_t k, Py_ssize_t klen) except -1:
    """Whether ``key[k:klen]`` is written at ``at`` in the text of ``kind`` and ``data`` (which is long
    enough)."""
    PyUnicode_READY(key)
    cdef int key_kind = PyUnicode_KIND(key)
    cdef void *key_data = PyUnicode_DATA(key)
    while k < klen:
        if PyUnicode_READ(kind, data, at) != PyUnicode_READ(key_kind, key_data, k):
            return False
        at += 1
        k += 1
    return True


cdef inline Py_ssize_t _sign(int kind, void *data, Py_ssize_t i, Py_ssize_t j) noexcept:
    """A 16-bit digest of the run ``i:j`` (its length, first, second and last characters)."""
    cdef Py_ssize_t first = <Py_ssize_t>PyUnicode_READ(kind, data, i)
    cdef Py_ssize_t second = 0
    cdef Py_ssize_t last = <Py_ssize_t>PyUnicode_READ(kind, data, j - 1)
    if j - i > 1:
        second = <Py_ssize_t>PyUnicode_READ(kind, data, i + 1)
    return (first * 1031 + second * 131 + last * 17 + (j - i)) & 0xFFFF


def run_sign(str run):
    """The digest :func:`phrase_hits` looks a run up by in its table (0 to 65535)."""
    PyUnicode_READY(run)
    return _sign(PyUnicode_KIND(run), PyUnicode_DATA(run), 0, len(run)) if run else 0


def phrase_hits(str text, str hay, dict first_runs, bytes signs, Py_ssize_t sets):
    """For each of ``sets`` phrase sets, the starts and ends of its leftmost-longest whole-word hits.

    ``hay`` is ``text`` lower-cased, one character for one. A phrase that starts at a word boundary
    starts a maximal run of word characters and hyphens in ``hay``, and that run is the phrase's own
    first run: ``first_runs`` maps each first run to its phrases as (phrase, length, owners), an owner
    being (set, the phrase as written or None when the set ignores case). ``signs`` has 65,536 bytes,
    not 0 at the :func:`run_sign` of every first run: a run whose digest is 0 there opens no phrase and
    is passed over without being looked up.
    """
    cdef Py_ssize_t n = len(hay), i = 0, j, b, klen
    PyUnicode_READY(hay)
    cdef int kind = PyUnicode_KIND(hay)
    cdef void *data = PyUnicode_DATA(hay)
    if len(signs) != 0x10000:
        raise ValueError("signs must have 65536 bytes")
    cdef const unsigned char *seen = signs
    found = [[] for _ in range(sets)]
    while i < n:
        if not _joined(PyUnicode_READ(kind, data, i)):
            i += 1
            continue
        j = i + 1
        while j < n and _joined(PyUnicode_READ(kind, data, j)):
            j += 1
        if not seen[_sign(kind, data, i, j)]:
            i = j
            continue
        candidates = first_runs.get(hay[i:j])
        if candidates is not None:
            for key, klen, owners in candidates:
                b = i + klen
                if klen != j - i and (b > n or (b < n and _joined(PyUnicode_READ(kind, data, b)))
                                      or not _same_from(kind, data, key, j, j - i, klen)):
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


cdef inline bint _capital(Py_UCS4 c) noexcept:
    """A capital that opens a word of a place name: ``UPPER`` of ``kg.text``, the capitals of the Latin
    alphabets ("Łódź", "İzmir", "Đà Nẵng")."""
    if c < 128:
        return u'A' <= c <= u'Z'
    return ((0xC0 <= c < 0x250) or (0x1E00 <= c < 0x1F00)) and Py_UNICODE_ISUPPER(c)


cdef inline bint _name_char(Py_UCS4 c) noexcept:
    """A character of a word of a place name: ``[\\w'’.-]``."""
    return c == u"'" or c == u'\u2019' or c == u'.' or c == u'-' or _word(c)


cdef inline bint _blank(Py_UCS4 c) noexcept:
    return c == u' ' or c == u'\u00a0'


cdef Py_ssize_t _connector(int kind, void *data, Py_ssize_t k, Py_ssize_t n) noexcept:
    """The length of ``(?:of|the|and|de|du|da|do|es|el|la|al|del|dos|das)[ \\u00a0]`` at ``k``, 0 when
    there is none."""
    if k + 2 >= n:
        return 0
    cdef Py_UCS4 a = PyUnicode_READ(kind, data, k), b = PyUnicode_READ(kind, data, k + 1)
    cdef Py_UCS4 c = PyUnicode_READ(kind, data, k + 2)
    if ((a == u'o' and b == u'f') or (a == u'd' and (b == u'e' or b == u'u' or b == u'a' or b == u'o'))
            or (a == u'e' and (b == u's' or b == u'l')) or (a == u'l' and b == u'a') or (a == u'a' and b == u'l')):
        if _blank(c):
            return 3
    if k + 3 < n and ((a == u't' and b == u'h' and c == u'e') or (a == u'a' and b == u'n' and c == u'd')
                      or (a == u'd' and ((b == u'e' and c == u'l') or ((b == u'o' or b == u'a') and c == u's')))):
        return 4 if _blank(PyUnicode_READ(kind, data, k + 3)) else 0
    return 0


cdef inline int _shape(int kind, void *data, Py_ssize_t a, Py_ssize_t b) noexcept:
    """How the lookup reads the word ``a:b``: 2 not ASCII (folded), 1 in capitals (title-cased too),
    0 as written."""
    cdef Py_ssize_t k
    cdef bint upper = False, lower = False
    cdef Py_UCS4 c
    for k in range(a, b):
        c = PyUnicode_READ(kind, data, k)
        if c > 127:
            return 2
        if u'A' <= c <= u'Z':
            upper = True
        elif u'a' <= c <= u'z':
            lower = True
    return 1 if upper and not lower else 0


cdef bint _opens_place(str text, int kind, void *data, Py_ssize_t a, Py_ssize_t b, dict firsts) except -1:
    """Whether a word that the lookup folds or title-cases may open a place name: one not in ASCII
    is left to the full lookup; one in capitals ("TOGO") opens one as written or title-cased."""
    cdef int shape = _shape(kind, data, a, b)
    if shape == 2:
        return True
    if shape == 1:
        word = text[a:b]
        return bool(firsts.get(word) or firsts.get(word.title()))
    return False


cdef inline Py_ssize_t _skip_space(int kind, void *data, Py_ssize_t k, Py_ssize_t end) noexcept:
    while k < end and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)):
        k += 1
    return k


cdef inline Py_ssize_t _word_end(int kind, void *data, Py_ssize_t k, Py_ssize_t end) noexcept:
    while k < end and not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)):
        k += 1
    return k


cdef inline Py_ssize_t _cut(int kind, void *data, Py_ssize_t a, Py_ssize_t b) noexcept:
    """The end of the word ``a:b`` without the full stops and commas that close it."""
    cdef Py_UCS4 c
    while b > a:
        c = PyUnicode_READ(kind, data, b - 1)
        if c != u'.' and c != u',':
            break
        b -= 1
    return b


def place_runs(str text, dict firsts, frozenset singles, frozenset pairs):
    """The runs of capitalised words (``_CAPITAL_RUN`` in ``kg.extract.mentions``) that may name a
    country or a city: the (start, end) of each run where ``_may_name_place`` lets a word through
    (a one-word name, the first two words of a longer one as "first second" in ``pairs``, a word in
    capitals that opens a name once title-cased, or a word not in ASCII, which is looked up folded)."""
    cdef Py_ssize_t n = len(text), i = 0, j, k, step, ws, we, ce, ns, ne, nce
    PyUnicode_READY(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    cdef bint keep
    out = []
    while i < n:
        if not _capital(PyUnicode_READ(kind, data, i)) or (i > 0 and _joined(PyUnicode_READ(kind, data, i - 1))):
            i += 1
            continue
        # the run: a capitalised word, then more joined by a blank or hyphen and connector words
        j = i + 1
        while j < n and _name_char(PyUnicode_READ(kind, data, j)):
            j += 1
        while j < n:
            c = PyUnicode_READ(kind, data, j)
            if not (_blank(c) or c == u'-'):
                break
            k = j + 1
            step = _connector(kind, data, k, n)
            while step:
                k += step
                step = _connector(kind, data, k, n)
            if k >= n or not _capital(PyUnicode_READ(kind, data, k)):
                break
            j = k + 1
            while j < n and _name_char(PyUnicode_READ(kind, data, j)):
                j += 1
        # its words (split at blanks): does one open a place name?
        keep = False
        ws = _skip_space(kind, data, i, j)
        while ws < j and not keep:
            we = _word_end(kind, data, ws, j)
            ce = _cut(kind, data, ws, we)
            if _shape(kind, data, ws, ce):
                keep = _opens_place(text, kind, data, ws, ce, firsts)
            elif ce > ws and text[ws:ce] in firsts:
                if text[ws:ce] in singles:
                    keep = True
                else:
                    ns = _skip_space(kind, data, we, j)
                    if ns < j:
                        ne = _word_end(kind, data, ns, j)
                        nce = _cut(kind, data, ns, ne)
                        keep = (_shape(kind, data, ns, nce) != 0 or f"{text[ws:we]} {text[ns:ne]}" in pairs
                                or f"{text[ws:we]} {text[ns:nce]}" in pairs)
            ws = _skip_space(kind, data, we, j)
        if keep:
            out.append((i, j))
        i = j
    return out


def first_control(str text):
    """The offset of the first C0 or C1 control character other than tab, newline and carriage
    return (``[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]``) in ``text``, -1 if there is none."""
    cdef Py_ssize_t n = len(text), i
    PyUnicode_READY(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        if c < 0xa0 and ((0x01 <= c <= 0x08) or c == 0x0b or c == 0x0c or (0x0e <= c <= 0x1f) or c >= 0x7f):
            return i
    return -1
