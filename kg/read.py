"""Turn input paths into :class:`kg.model.Release` values, one at a time.

    iter_paths(inputs)  ->  the release files named or found under the named folders
    read_path(path)     ->  the releases of one file (one for text, markdown and HTML; one per
                            object of a JSON file; one per line of a JSON Lines file)
    read_all(inputs)    ->  both chained

Every character offset later in the pipeline points into ``Release.text``. For ``.txt`` and
``.md`` files that text is the file's own text, decoded and with newlines normalised to ``"\\n"``,
nothing else changed. For JSON and HTML it is assembled as ``title \\n\\n [date line \\n\\n] body``
so that the title (and a date that is not ISO) lie inside the text.

Nothing here parses a written date: the reader only recognises the *shape* of a line that is
nothing but a date and records its span as ``Release.dateline``; ``Release.published`` is only
set from an ISO date given by a container (a JSON field, HTML metadata).
"""
from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from kg import resources
from kg.errors import InputError
from kg.model import Release
from kg.text import _speedups, literal_alternation, printable

_NUL = b"\x00"
MAX_BYTES = 20_000_000
"""Files larger than this are refused before they are read."""

DATA_DIR = resources.DATA
MONTHS_FILE = DATA_DIR / "months.tsv"
DATE_LABELS_FILE = DATA_DIR / "date_labels.tsv"
NOISE_FILE = DATA_DIR / "page_noise.txt"
ENDINGS_FILE = DATA_DIR / "page_endings.txt"

DATE_WINDOW = 8
"""How many non-empty lines after the title are looked at for the date line (the look stops at the
first paragraph: a line of PARAGRAPH characters or more that ends a sentence)."""
PARAGRAPH = 100


# --------------------------------------------------------------------------- paths


def iter_paths(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Yield the release files named in ``inputs`` or found below the folders named there.

    Inputs are taken in the order given; a folder is walked recursively in sorted name order.
    While walking, hidden entries (name starting with ``.``), files whose suffix has no reader,
    and anything that is not a regular file or a folder (FIFOs, devices, sockets, broken links)
    are skipped; symbolic links are followed inside the named folder (a link to a place outside it
    is not: a private file linked into a corpus stays out of the graph), no folder is entered twice,
    so link cycles end. A file reached twice (named twice, or by two links) is yielded once.

    A named input that is missing, not a regular file or of an unknown suffix raises
    :class:`InputError`.
    """
    for path, _, _ in _files(inputs):
        yield Path(path)


def _files(inputs: Iterable[str | Path], on_error: Callable[[InputError], None] | None = None,
           on_skip: Callable[[InputError], None] | None = None) -> Iterator[tuple[str, str, os.stat_result]]:
    """What :func:`iter_paths` yields, as (path written as pathlib writes it, lower-case suffix,
    the file's status): a walk of thousands of files makes no path object per entry. An input that
    is missing, not a file or folder, or of an unknown type raises, or is reported to ``on_error``."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    for given in inputs:
        if on_error is None:
            yield from _files_of(str(Path(given)), seen_dirs, seen_files, on_skip)
            continue
        try:
            yield from _files_of(str(Path(given)), seen_dirs, seen_files, on_skip, on_error)
        except InputError as e:
            on_error(e)


def _files_of(path: str, seen_dirs: set[tuple[int, int]], seen_files: set[tuple[int, int]],
              on_skip: Callable[[InputError], None] | None = None,
              on_error: Callable[[InputError], None] | None = None) -> Iterator[tuple[str, str, os.stat_result]]:
    """The files of one input: itself, or the files below it."""
    st = _stat(path)
    if stat.S_ISDIR(st.st_mode):
        key = (st.st_dev, st.st_ino)
        if key not in seen_dirs:
            seen_dirs.add(key)
            yield from _walk(path, seen_dirs, seen_files, os.path.realpath(path), on_skip, on_error)
    elif stat.S_ISREG(st.st_mode):
        _reader_for(path)  # an explicitly named file must have a known suffix
        key = (st.st_dev, st.st_ino)
        if key not in seen_files:
            seen_files.add(key)
            yield path, _suffix(path), st
    else:
        raise InputError(path, "not a regular file")


def _walk(top: str, seen_dirs: set[tuple[int, int]], seen_files: set[tuple[int, int]], root: str,
          on_skip: Callable[[InputError], None] | None = None,
          on_error: Callable[[InputError], None] | None = None) -> Iterator[tuple[str, str, os.stat_result]]:
    """The release files below ``top``, in sorted order; a link to a place outside ``root`` (the
    real path of the folder the user named) is not followed: the walk reads what the folder holds.
    A release file listed in the folder and gone when the walk reaches it is an error (raised, or
    reported to ``on_error`` and the walk goes on)."""
    try:
        with os.scandir(top) as it:
            names = sorted(entry.name for entry in it)
    except OSError as e:
        raise InputError(top, _reason(e)) from None
    # a child's path as pathlib writes it ("." / "x" is "x")
    prefix = "" if top == "." else top if top.endswith("/") else top + "/"
    for name in names:
        if name.startswith("."):
            continue
        path = prefix + name
        try:
            st = os.stat(path)  # follows links; a broken or looping link fails here
        except OSError:
            if _suffix(name) in READERS and not os.path.lexists(path):  # (listed, then removed)
                gone = InputError(path, "no such file or directory (removed while the folder was read)")
                if on_error is None:
                    raise gone from None
                on_error(gone)
            continue
        if os.path.islink(path):
            real = os.path.realpath(path)
            if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
                if on_skip is not None:
                    on_skip(InputError(path, "a link to a place outside the input folder"))
                continue
        key = (st.st_dev, st.st_ino)
        if stat.S_ISDIR(st.st_mode):
            if key not in seen_dirs:
                seen_dirs.add(key)
                yield from _walk(path, seen_dirs, seen_files, root, on_skip, on_error)
        elif stat.S_ISREG(st.st_mode):
            suffix = _suffix(name)
            if suffix in READERS and key not in seen_files:
                seen_files.add(key)
                yield path, suffix, st


def _suffix(path: str) -> str:
    """The lower-case suffix of the last part of ``path``, as ``Path.suffix`` gives it."""
    name = path.rpartition("/")[2]
    i = name.rfind(".")
    return name[i:].lower() if 0 < i < len(name) - 1 else ""


def _stat(path: str | Path) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except OSError as e:
        raise InputError(path, _reason(e)) from None


def _reason(e: OSError) -> str:
    reason = e.strerror or str(e)
    return reason[:1].lower() + reason[1:]


def _reader_for(path: str | Path) -> Callable[[Path, bytes], Iterator[Release]]:
    suffix = _suffix(str(path))
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        what = f"'{suffix}'" if suffix else "without a suffix"
        raise InputError(path, f"unknown file type {what} (expected one of {known})")
    return reader


# --------------------------------------------------------------------------- files


def read_path(path: str | Path) -> Iterator[Release]:
    """Yield the releases of one file, choosing the reader by the file's suffix."""
    path = Path(path)
    reader = _reader_for(path)
    yield from reader(path, _read_bytes(path))


def read_all(inputs: Iterable[str | Path],
             on_skip: Callable[[InputError], None] | None = None,
             on_error: Callable[[InputError], None] | None = None) -> Iterator[Release]:
    """Yield every release of every file that :func:`iter_paths` finds in ``inputs``.

    A JSON file met while walking a folder that holds other JSON (an object without a text field,
    such as an annotation file) is not a release: it is skipped and reported to ``on_skip``. Named
    explicitly, the same file is an error.

    A file that cannot be read as releases (empty, binary, unreadable, gone since the walk found it)
    raises ``InputError``; with ``on_error``, it is reported there and the others are read (the
    releases of a JSON Lines file before its bad line are kept).
    """
    inputs = list(inputs)
    named = {str(Path(p)) for p in inputs}
    for name, suffix, st in _files(inputs, on_error, on_skip):
        if on_error is None:
            yield from _read_one(name, suffix, st, named, on_skip)
            continue
        try:
            yield from _read_one(name, suffix, st, named, on_skip)
        except InputError as e:
            on_error(e)


def _read_one(name: str, suffix: str, st: os.stat_result, named: set[str],
              on_skip: Callable[[InputError], None] | None) -> Iterator[Release]:
    path = Path(name)
    reader = READERS[suffix]
    if name in named or suffix not in (".json", ".jsonl"):
        yield from reader(path, _read_bytes(path, st))
        return
    try:
        releases = list(reader(path, _read_bytes(path, st)))
    except InputError as e:
        if "no text field" not in e.problem:
            raise
        if on_skip:
            on_skip(InputError(e.path, f"not a release ({e.problem})"))
        return
    yield from releases


def read_file_bytes(path: str | Path) -> bytes:
    """The bytes of a file the user names (a release, a curation or shapes file): a regular file of
    at most MAX_BYTES, read without ever blocking on a FIFO or a device; else ``InputError``."""
    return _read_bytes(Path(path))


def _read_bytes(path: Path, st: os.stat_result | None = None) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES; never blocks on a FIFO or device (``st``,
    the file's status when the walk has just read it, spares a second look)."""
    if st is None:
        st = _stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(path, "not a regular file")
    if st.st_size > MAX_BYTES:
        raise InputError(path, f"file too large ({st.st_size} bytes, limit {MAX_BYTES})")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except OSError as e:
        raise InputError(path, _reason(e)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the stat above
            raise InputError(path, "not a regular file")
        chunks = []
        size = 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as e:
        raise InputError(path, _reason(e)) from None
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        raise InputError(path, f"file too large (more than {MAX_BYTES} bytes)")
    return b"".join(chunks)


def decode(path: Path, data: bytes) -> str:
    """Decode file bytes: UTF-8 (a BOM is dropped), or UTF-16 when it starts with a BOM.

    Newlines are normalised to ``"\\n"`` and control characters are blanked (see
    :func:`normalise_text`); nothing else is changed. Undecodable bytes, NUL
    characters and an empty or whitespace-only file raise :class:`InputError` (byte offsets
    in messages count from 0 at the start of the file).
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError(path, "UTF-32 text is not supported (use UTF-8)")
    if data.startswith(b"\xef\xbb\xbf"):
        codec, name, skip = "utf-8", "UTF-8", 3
    elif data.startswith(b"\xff\xfe"):
        codec, name, skip = "utf-16-le", "UTF-16", 2
    elif data.startswith(b"\xfe\xff"):
        codec, name, skip = "utf-16-be", "UTF-16", 2
    else:
        codec, name, skip = "utf-8", "UTF-8", 0
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as e:
        raise InputError(path, f"not {name} text (byte {e.start + skip})") from None
    nul = text.find("\x00")
    if nul >= 0:
        where = f"byte {data.find(_NUL)}" if codec == "utf-8" else f"character {nul}"
        raise InputError(path, f"contains a NUL byte ({where})")
    text = normalise_text(text)
    if not text.strip():
        raise InputError(path, "empty file")
    return text


def normalise_text(text: str) -> str:
    """``\\r\\n`` and ``\\r`` become ``\\n``, and the C0 and C1 control characters other than tab
    and newline (and DEL), which no release means and XML cannot carry, are blanked one for one:
    those that end a line elsewhere (vertical tab, form feed, the separators, NEL) become a
    newline, the others a space. So are the bidirectional embeddings, overrides and isolates
    (U+202A-U+202E, U+2066-U+2069), which turn a name around on screen.

    >>> normalise_text("A\\r\\nB\\x0cC\\x01D\\x85E")
    'A\\nB\\nC D\\nE'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _BIDI_CONTROL.search(text):  # (right-to-left overrides spoof names: "ABC\u202eXYZ")
        text = _BIDI_CONTROL.sub(" ", text)
    if not _has_control(text):
        return text
    return _CONTROL.sub(lambda m: "\n" if m.group() in _CONTROL_BREAKS else " ", text)


def _has_control(text: str) -> bool:
    if _speedups is not None:
        return _speedups.first_control(text) >= 0
    return _CONTROL.search(text) is not None


_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL_BREAKS = frozenset("\x0b\x0c\x1c\x1d\x1e\x85")


# --------------------------------------------------------------------------- layout


@functools.lru_cache(maxsize=None)
def month_words() -> dict[str, int]:
    """Month word (lower case) -> month number, from ``ontology/data/months.tsv``."""
    words: dict[str, int] = {}
    with open(MONTHS_FILE, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2 or not cols[1].strip().isdigit() or not cols[0].strip():
                continue  # header or blank line
            words[cols[0].strip().lower()] = int(cols[1])
    return words


@functools.lru_cache(maxsize=None)
def date_labels() -> dict[str, list[str]]:
    """The words around a date on a page, by kind (``published``, ``field``, ``updated``, ``weekday``,
    ``preposition``, ``article``), from ``ontology/data/date_labels.tsv``, lower case."""
    out: dict[str, list[str]] = {}
    with open(DATE_LABELS_FILE, encoding="utf-8") as f:
        for n, line in enumerate(f):
            cols = line.rstrip("\n").split("\t")
            if n == 0 or len(cols) < 2 or not cols[0].strip():
                continue  # header or blank line
            out.setdefault(cols[1].strip(), []).append(cols[0].strip().lower())
    return out


def words_pattern(words: list[str]) -> str:
    """The words as one group (a blank in a word standing for any blanks), each a whole word ("date",
    not the end of "update"; but a word of a script written without blanks, "更新", may run on: "更新于");
    no words match nothing."""
    spaced = sorted({w for w in words if not _UNSPACED.match(w[-1:])})
    unspaced = sorted({w for w in words if _UNSPACED.match(w[-1:])})
    parts = ([r"(?<!\w)" + literal_alternation(spaced) + r"(?!\w)"] if spaced else []) + \
            ([literal_alternation(unspaced)] if unspaced else [])
    return ("(?:" + "|".join(parts) + ")").replace(r"\ ", r"\s+") if parts else "(?!)"


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")  # (kana, CJK ideographs, hangul)


@functools.lru_cache(maxsize=None)
def _updated_part() -> re.Pattern[str]:
    """A label that says when a page was changed, not when it was published ("Last updated:", "Atualizado
    em"): its date is a second one."""
    words = date_labels()
    updated, prep = words_pattern(words.get("updated", [])), words_pattern(words.get("preposition", []))
    return re.compile(rf"(?<!\w){updated}(?:\s+{prep})?\s*:?\s*", re.I)


@functools.lru_cache(maxsize=None)
def _date_line_re() -> re.Pattern[str]:
    # the month words as a prefix tree (what their longest-first alternation matches, fewer branches
    # tried), a blank in a word standing for any blanks
    month = literal_alternation(sorted(month_words())).replace(r"\ ", r"\s+")
    # "le 5 mai 2019", "ngày 5 tháng 5 năm 2019": a word before the day
    articles = words_pattern(date_labels().get("article", []))
    day = r"\d{1,2}(?:er|st|nd|rd|th|º|°)?"
    year = r"\d{4}(?:\s*(?:г\.?|года|год|年))?"
    shapes = [
        # 7 June 2019, 07 июня 2019, 7. Juni 2019, 5 de noviembre de 2013, 17 十二月 2013, 12th of June 2019
        rf"(?:{articles}\s+)?{day}\.?[\s.]*(?:de\s+|of\s+)?{month}\.?(?:[\s.,]+(?:de|del|năm)\s+|[\s.,]+){year}",
        # 12-Jun-2019
        rf"{day}-{month}-{year}",
        # September 19, 2017; Sept. 19 2017
        rf"{month}\.?\s+{day},?\s+{year}",
        # 2019-06-07, 2019-06-07T10:30:00Z
        r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{4}/\d{1,2}/\d{1,2}",
        # 05.06.2019, 05/06/2019, 05-06-2019
        r"\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}-\d{1,2}-\d{4}|\d{4}\.\d{1,2}\.\d{1,2}",
        # 05. 06. 2019
        r"\d{1,2}\.\s\d{1,2}\.\s\d{4}",
        # 2019年6月7日
        r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日",
    ]
    # "Published on 9 September 2021", "Date: 05.06.2019", "Wednesday, 5 June 2019", "Publié le 5 mai
    # 2019", "Fecha: 05.06.2019" (the labels of ``date_labels.tsv``)
    words = date_labels()
    published, prep = words_pattern(words.get("published", [])), words_pattern(words.get("preposition", []))
    lead = (rf"(?:{published}(?:\s+by\s+[^\W\d][\w.’' -]{{0,40}}?(?=\s+on\s))?(?:\s+{prep})?\s*:?\s*|"
            rf"{words_pattern(words.get('field', []))}\s*[:：]\s*|ngày\s+)?"
            rf"(?:{words_pattern(words.get('weekday', []))}\.?,?\s+)?"
            # a time before the date: "17:11, 20.07.2018"
            r"(?:\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?\s*[,|–-]?\s*(?=\d))?")
    # "2019-06-05 10:30", "5 June 2019, 14:00 CET"
    # (and "Tue, 05 Jun 2019 10:30:00 +0000", as feeds write)
    time = (r"(?:(?:,?\s+|\s*[-–|]\s*)(?:at\s+)?\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.|h|hrs|"
            r"(?:utc|gmt)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|cet|cest|edt|est|wib\b|wita\b|wit\b|[+-]\d{4}))?)?")  # ("09:15 GMT+7", "09:15 WIB")
    # "Posted on 5 May 2019 by the press office"
    by = r"(?:\s+by\s+[^\W\d][\w .'’-]{0,40})?"
    # "5 June 2019 Press Release": the kind of page after the date
    kind = r"(?:\s+(?:press\s+release|news\s+release|media\s+release|news|statement|announcement))?"
    return re.compile(lead + "(?:" + "|".join(f"(?:{s})" for s in shapes) + ")" + time + by + kind, re.IGNORECASE)


# the separators of a date line's parts: "05 June 2019 | News", "Brussels • 14 May 2020"
_DATE_LINE_PARTS = re.compile(r"\s*[|•·]\s*|\s+[—–]\s+")
_PART_MARK = re.compile(r"[|•·—–]")  # (searched first: a search for a pattern that opens with spaces tries every position)


def _has_parts(line: str) -> bool:
    """Whether ``line`` has parts set apart by a bar, a bullet or a dash."""
    return _PART_MARK.search(line) is not None and _DATE_LINE_PARTS.search(line) is not None

_BULLET_LEAD = re.compile(r"^[•·*–—-]+\s*")
# a date that opens the first paragraph: "(5 May 2019) The ...", "05/05/2019 - The ..."
_DATE_LEAD_SEPARATOR = re.compile(r"\)?\s*(?:[-–—|:]\s+|\s)")
# a few words beside the date, perhaps after a label ("News", "Reading time: 2 min", "Source: ABC")
_SHORT_PART = re.compile(r"(?:[^\W\d][\w’'-]*(?:\s+[\w’'-]+)?\s*:\s*)?\w[\w’'&./-]*(?:,?\s+[\w’'&./-]+){0,3}")


def _updated_date(line: str) -> tuple[int, int] | None:
    """Where the date of a line that only says when the page was updated is ("Updated at 17:11, 20-07-2018",
    "Last updated: 6 May 2019"): the page's date when it gives no other."""
    m = _updated_part().match(line, len(line) - len(line.lstrip()))
    if m is None or _date_line_re().fullmatch(line, m.end()) is None:
        return None
    return m.end(), len(line.rstrip())


def is_date_line(line: str) -> bool:
    """True if ``line`` (surrounding whitespace ignored) is nothing but a calendar date, perhaps after
    a weekday or a label ("Published on", "Posted:", "Date:") and with a time; or a date beside a
    few words set apart by a bar or a bullet ("05 June 2019 | News", "Brussels | 14 May 2020")."""
    line = _BULLET_LEAD.sub("", line.strip(), count=1)
    if _date_line_re().fullmatch(line) is not None \
            or line.endswith(".") and len(line) <= FURNITURE_MAX and _date_line_re().fullmatch(line[:-1]):
        return True  # (and "20.06.2024.", as some languages end a date with a dot)
    if not _has_parts(line):
        return False
    parts = [p for p in _DATE_LINE_PARTS.split(line) if not _is_updated_part(p)]
    if len(parts) == 1 and _date_line_re().fullmatch(parts[0]) and parts[0] != line:
        return True  # "Published: 5 May 2019 | Last updated: 6 May 2019"
    if len(parts) <= 1 or len(parts) > 3:
        return False
    dates = [p for p in parts if _date_line_re().fullmatch(p)]
    return len(dates) == 1 and all(p in dates or _SHORT_PART.fullmatch(p) for p in parts)


_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+(?:GMT|UTC|CET|CEST|EST|EDT|PST|PDT|BST|IST|WIB|WITA|WIT)\b)?")
_RANGE_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?\s*(?:[-–—]|to|and|&|until)\s*$")
_FURNITURE = re.compile(r"[\s|•·@()\[\],:;–—/-]+")
FURNITURE_MAX = 90
"""The longest line read as page furniture around a date ("Category: News Published: 5 May 2019 Hits: 12")."""


def furniture_date(line: str) -> tuple[int, int] | None:
    """Where the one date of a short line of page furniture is: a line that holds one date with its
    year (and perhaps one that says when the page was updated) among a few labels, times, a place or
    brackets ("[5 May 2019]", "May 5, 2019 @ 10:22 am", "5 May 2019 (Vienna)", "5 May 2019 Last
    updated: 6 May 2019"), and no sentence."""
    line = line.strip()
    if len(line) > FURNITURE_MAX or line.endswith((".", "!", "?")) and not line.endswith(("a.m.", "p.m.")) \
            or line.endswith(",") or _PLACE_BEFORE_DATE.match(line):
        return None  # (a line that runs on into the next; a place and date, which extraction reads)
    found = None
    rest = []
    pos = 0
    for m in _date_line_re().finditer(line):
        label = _updated_part().search(line, max(pos, m.start() - 30), m.start())
        rest.append(line[pos:label.start() if label and not line[label.end():m.start()].strip() else m.start()])
        pos = m.end()
        if label and not line[label.end():m.start()].strip():
            continue  # "Last updated: 6 May 2019"
        if found is not None or _RANGE_BEFORE.search(line, 0, m.start()):
            return None  # two dates, or a span of days ("3-5 May 2019"): an event's, or two of the page
        found = (m.start(), m.end())
    rest.append(line[pos:])
    if found is None:
        return None
    words = _FURNITURE.split(_TIME.sub(" ", " ".join(rest)))
    words = [w for w in words if w]
    lower = [w for w in words if w[:1].islower()]
    return found if len(words) <= 5 and len(lower) <= 2 else None


def date_part(line: str) -> tuple[int, int]:
    """Where the publication date of a date line is: the line, or its part that holds the date
    ("News | 5 May 2019" -> "5 May 2019"; an "updated" part is passed over).

    >>> line = "Published: 5 May 2019 | Last updated: 6 May 2019"
    >>> a, b = date_part(line); line[a:b]
    'Published: 5 May 2019'
    """
    pos = 0
    for part in _DATE_LINE_PARTS.split(line):
        a = line.index(part, pos)
        pos = a + len(part)
        if part and not _is_updated_part(part) and _date_line_re().fullmatch(part):
            return a, a + len(part)
        if part.endswith(".") and _date_line_re().fullmatch(part[:-1]):
            return a, a + len(part) - 1  # ("20.06.2024.")
    return 0, len(line)


def _is_updated_part(part: str) -> bool:
    m = _updated_part().match(part)
    return m is not None and _date_line_re().fullmatch(part, m.end()) is not None


@functools.lru_cache(maxsize=None)
def _noise_pattern() -> re.Pattern[str]:
    """The patterns of the noise file as one alternation anchored at the start of the line (each is
    checked on its own first, so that a bad line is reported as itself). Anchored, the search tries
    one position per line; one unanchored pattern among them would make it try every position of
    every line with every pattern."""
    return re.compile("^" + _alternation_of(NOISE_FILE), re.IGNORECASE)


def _alternation_of(path: Path) -> str:
    """The regular expressions of a file of patterns, one per line (blank lines and "#" comments
    left out), as one group of alternatives that matches nothing when there are none."""
    with open(path, encoding="utf-8") as f:
        patterns = [re.compile(x, re.IGNORECASE).pattern for x in (line.strip() for line in f)
                    if x and not x.startswith("#")]
    return "(?:" + ("|".join(f"(?:{p})" for p in patterns) or "(?!)") + ")"


def is_noise_line(line: str) -> bool:
    """True if ``line`` is page chrome (a language notice, a menu word, ...) not a title."""
    line = line.strip()
    return _noise_pattern().search(line) is not None or _NO_WORD.fullmatch(line) is not None or _blank_menu(line)


_BLANKS = re.compile(r" {2,}|\t+")
MENU_ITEMS = 4
"""How many items set apart by runs of blanks make a line a menu."""


def _blank_menu(line: str) -> bool:
    """Whether a line is a menu or a share bar of items set apart by runs of blanks ("Home   Who we are
    Our work   Contact", "Share:  Facebook  X  LinkedIn"): four items or more of one to four words, not
    a sentence (which ends with its stop) and not words spaced out ("Freedonia  and  Sylvania  sign
    agreement": a menu's items open with a capital, but for a share bar's letters)."""
    if "  " not in line and "\t" not in line or line.endswith((".", "!", "?", ",", ";")):
        return False
    items = _BLANKS.split(line)
    return len(items) >= MENU_ITEMS and all(len(x.split()) <= 4 for x in items) \
        and sum(1 for x in items if x[:1].islower() and len(x) >= 3) < 2


@functools.lru_cache(maxsize=None)
def _endings_pattern() -> re.Pattern[str]:
    """The lines of the endings file as one alternation, matched against a whole line."""
    return re.compile(_alternation_of(ENDINGS_FILE), re.IGNORECASE)


def own_text_end(text: str, start: int) -> int:
    """Where the release's own text ends: at a line after ``start`` that opens other news or related
    links ("Related news", "See also"), else at the end of the text."""
    pattern = _endings_pattern()
    for s, e, _ in _text_lines(text, start):
        if e - s <= 40 and pattern.fullmatch(text[s:e]):
            return s
    return len(text)


def chrome_lines(text: str, start: int) -> list[tuple[int, int]]:
    """The lines of page chrome between ``start`` and the first paragraph (a menu or a breadcrumb trail
    under the title, "Home > Media Centre > News")."""
    out = []
    for s, e, _ in _text_lines(text, start):
        if e - s >= PARAGRAPH:
            break
        if is_noise_line(text[s:e]):
            out.append((s, e))
    return out


_NO_WORD = re.compile(r"[\W_]+")  # "<", "×", "* * *": no letter, no digit
_MD_HEADING = re.compile(r"#{1,6}(?=\s|$)")
_MD_RULE = re.compile(r"(?:[=]+|[-*_](?:\s*[-*_]){2,})")


def _lines(text: str, start: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, next line start) of each line of ``text`` from offset ``start``."""
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        nxt = n if nl < 0 else nl + 1
        yield pos, end, nxt
        pos = nxt


def _text_lines(text: str, start: int, md: bool = False) -> Iterator[tuple[int, int, int]]:
    """(start, end, next line start) of each line of ``text`` from ``start`` that holds text, its
    span without surrounding blanks (and markdown marks, with ``md``); rules of markdown are passed over."""
    for s, e, nxt in _lines(text, start):
        s, e = _strip_span(text, s, e, md)
        if s < e and not (md and _MD_RULE.fullmatch(text, s, e)):
            yield s, e, nxt


def _strip_span(text: str, s: int, e: int, md: bool) -> tuple[int, int]:
    """The span of a line without surrounding whitespace (and, in markdown, heading marks
    and emphasis around the whole line)."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if md and s < e:
        m = _MD_HEADING.match(text, s, e)
        if m:
            s = m.end()
            closing = re.search(r"\s#+$", text[s:e])  # "# Title #"
            if closing:
                e = s + closing.start()
        for mark in ("**", "__", "*", "_"):
            if e - s > 2 * len(mark) and text.startswith(mark, s) and text.endswith(mark, s, e):
                s += len(mark)
                e -= len(mark)
                break
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
    return s, e


def layout(text: str, md: bool = False) -> tuple[tuple[int, int] | None, tuple[int, int] | None, int]:
    """Find ``(title, dateline, body_start)`` in the text of a page saved as plain text.

    The title is the first non-empty line that is not page noise; when that line is a date,
    there is no title and it is the date line. Otherwise the date line is a line that is only
    a date among the next DATE_WINDOW non-empty, non-noise lines; else one further down under the
    headline it follows (page furniture above them), or the headline over a dispatch that opens with
    its place and date; else a labelled date at the foot of the page. ``body_start`` is the offset
    of the line after the date line, or after the title line when there is none.
    """
    title = None
    lines = _text_lines(text, 0, md)
    listing = False  # the line before was an item of a list of dated headlines
    for s, e, nxt in lines:
        line = text[s:e]
        if is_noise_line(line):
            continue
        if _dated_item(line) and (listing or _dated_item(_next_line(text, nxt, md))):
            listing = True  # "12 January 2024 - Ministers meet" over "3 February 2024 - ...": other news
            continue
        listing = False
        updated = _updated_date(line)
        if is_date_line(line) or updated is not None:
            a, b = updated or date_part(line)
            # "14.03.2024" over "Freedonia Police host a forum": the line of words under the date is the title
            under = _title_under(text, nxt, md)
            if under is not None:
                return under[:2], (s + a, s + b), under[2]
            return None, (s + a, s + b), nxt
        lead = _date_lead(line)
        if lead is not None and len(line) >= PARAGRAPH:
            return None, (s + lead[0], s + lead[1]), s + lead[2]
        if lead is not None and _DASH_SEPARATOR.match(line, lead[1]) and e - (s + lead[2]) >= TITLE_MIN:
            # "5 May 2019 - Freedonia hosts the forum": the date of a title that opens with it
            return (s + lead[2], e), (s + lead[0], s + lead[1]), nxt
        title = (s, e)
        body_start = nxt
        again = _title_again(text, title, nxt, md)
        if again is not None:
            title, body_start = again[:2], again[2]
        break
    else:
        return None, None, 0
    dateline, after = _find_dateline(text, lines, DATE_WINDOW)
    if dateline is None:
        late = _late_dateline(text, title[0], md)
        if late is not None:
            return late
        # "Published: 5 May 2019" or "Date modified: 2019-05-06" at the foot of the page, and no date above
        return title, _end_dateline(text, body_start, md), body_start
    elif dateline[0] > body_start:
        above = _headline_above(text, title, dateline[0], md)
        under = None if above else _title_under(text, after, md)
        if under is not None and is_date_line(_next_line(text, under[2], md)):
            under = None  # ("20 June 2024" / headline / "18 June 2024" / headline: a list of other news)
        if under is not None and _headline_behind_labels(text, title[0], _line_at(text, dateline[0]), md, date=True):
            # "Home > News" over "20.06.2024" over "Freedonia and Alphaland meet in Riga": the title under it
            return under[:2], dateline, under[2]
        title = above or title
    return title, dateline, (after if dateline else body_start)


_LABEL_LINE = re.compile(r"(?:by|from|source|press\s+release|news\s+release|media\s+release)\b", re.I)
_ISSUED_BY = re.compile(r"\s*(?:issued|released|distributed)\s+by\s*:?\s*", re.I)
HEADLINE_WORDS = 5
"""A line of fewer words than this, over a headline, is a label of the page, not its title."""


def _headline_above(text: str, title: tuple[int, int], dateline_start: int, md: bool) -> tuple[int, int] | None:
    """The line right above the date line, when it reads as a headline and the lines from the first
    one down to it are labels of the page ("Latest news" or "Read this in French" over "Freedonia
    hosts the regional forum on ports" over "5 May 2024"), menus among them."""
    above = [(s, e) for s, e, _ in itertools.takewhile(lambda line: line[1] <= dateline_start,
                                                       _text_lines(text, title[0], md))]
    if len(above) < 2:
        return None
    s, e = above[-1]
    line = text[s:e]
    if len(line.split()) < HEADLINE_WORDS or e - s < TITLE_MIN or _has_parts(line) \
            or line.endswith((".", ":")) or _LABEL_LINE.match(line) or is_noise_line(line):
        return None  # (not a headline: a sentence, a byline, a menu or page noise)
    for a, b in above[:-1]:
        line = text[a:b]
        if len(line.split()) >= HEADLINE_WORDS and len(_DATE_LINE_PARTS.findall(line)) < 2 and not is_noise_line(line):
            return None  # a line of words that is not a menu: the title may well be the first
    return s, e


def _dated_item(line: str) -> bool:
    """Whether ``line`` is a headline after its date ("12 January 2024 - Ministers meet in Lisbon")."""
    lead = _date_lead(line)
    return lead is not None and len(line) < PARAGRAPH and bool(_DASH_SEPARATOR.match(line, lead[1]))


LINK_WORDS_MAX = 3
"""How many words of a link ("Back", "Retour", "News Home") may stand fused before a title that the
next line repeats."""


def _title_again(text: str, title: tuple[int, int], start: int, md: bool) -> tuple[int, int, int] | None:
    """``(start, end, next line)`` of the line after the title when it repeats the title without the few
    words of a link fused before it ("Back Freedonia hosts a forum" over "Freedonia hosts a forum")."""
    under = next(_text_lines(text, start, md), None)
    if under is None:
        return None
    line, whole = text[under[0]:under[1]], text[title[0]:title[1]]
    if len(line) >= TITLE_MIN and len(whole) > len(line) and whole.endswith(line) \
            and whole[-len(line) - 1].isspace() and len(whole[:-len(line)].split()) <= LINK_WORDS_MAX:
        return under
    return None


def _next_line(text: str, start: int, md: bool) -> str:
    """The next line of text after ``start`` that is not empty."""
    for s, e, _ in _lines(text, start):
        s, e = _strip_span(text, s, e, md)
        if s < e:
            return text[s:e]
    return ""


def _title_under(text: str, start: int, md: bool) -> tuple[int, int, int] | None:
    """``(start, end, next line)`` of the next line of words after ``start`` when it reads as a title: no
    date, no item of a list, no sentence ended (a paragraph is the body, not a title)."""
    for s, e, nxt in _text_lines(text, start, md):
        line = text[s:e]
        if is_noise_line(line):
            continue
        if _updated_date(line) is not None:
            continue  # ("Last updated: 21 June 2024" under the date line)
        if TITLE_MIN <= len(line) < 2 * PARAGRAPH and line[0].isupper() and not line.endswith((".", ":", ";", ",")) \
                and not is_date_line(line) and _date_lead(line) is None and not _LABEL_LINE.match(line) \
                and not _LABEL_BEFORE.match(line) and _bare_date(line) is None:
            return s, e, nxt
        return None
    return None


LATE_WINDOW = 60
"""How many non-empty lines from the top are looked at for a date line when none stands under the
first line (a page whose menus and banners come before its title)."""
# "The Hague, 5 May 2019", "05-05-2019 (Paris)": a date line with the place it was written in
_PLACE_BEFORE_DATE = re.compile(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3},\s*")
_PLACE_AFTER_DATE = re.compile(r"\s*\([A-Z][\w.’' -]{1,40}\)")
TITLE_MIN = 20


def _late_dateline(text: str, start: int, md: bool = False) -> tuple[tuple[int, int], tuple[int, int], int] | None:
    """``(title, dateline, body_start)`` when a date line stands further down, before the first
    paragraph: the title is then the line of words just above it."""
    previous: tuple[int, int] | None = None
    seen = 0
    first, second = "", None
    for s, e, nxt in _text_lines(text, start, md):
        line = text[s:e]
        seen += 1
        if seen == 1:
            first = line
        elif seen == 2:
            second = (s, e)
        if seen > LATE_WINDOW:
            return None
        date = _bare_date(line)
        dispatch = date is None and _place_date_lead(line)
        if date is not None or dispatch:
            if previous is None or previous[0] == start:
                return None  # (a place and date right under the first line are the publication's, see extract)
            if dispatch:  # "Lima (Peru), 5 May 2019 - The ...": the paragraph is the body, its date extraction's
                return (previous, None, s) if _headline_behind_labels(text, start, previous, md) else None
            if second == previous and len(first.split()) >= HEADLINE_WORDS and not first.endswith((".", ":")):
                return None  # (a headline over a standfirst over "Lisbon, 3 July 2024": the first line is the title)
            return previous, (s + date[0], s + date[1]), nxt
        if len(line) >= PARAGRAPH and line.endswith((".", "!", "?")):
            return None
        if len(line) >= TITLE_MIN and not is_noise_line(line) and not line.endswith(":"):
            previous = (s, e)
    return None


_FUNCTION_WORDS = frozenset(("a", "an", "the", "of", "for", "and", "on", "in", "at", "to", "de", "du", "des", "la", "le"))


SITE_NAME_WORDS = 7
_FUNCTION_WORDS_TITLED = frozenset(w.title() for w in ("a", "an", "the", "on", "in", "at", "to", "and", "for", "with", "as"))


def _site_name(line: str) -> bool:
    """Whether a line can be a site's name: a few words, none in lower case but small function words,
    and no small word in capitals as a headline in Title Case has ("Freedonia Hosts Forum On Ports")."""
    words = line.split()
    return len(words) < SITE_NAME_WORDS and not _content_lower(line) and not any(w in _FUNCTION_WORDS_TITLED for w in words[1:])


def _content_lower(line: str) -> bool:
    """Whether a line has a word in lower case but small function words, as a headline or a sentence has."""
    return any(w[:1].islower() and w.lower() not in _FUNCTION_WORDS for w in line.split())


def _line_at(text: str, pos: int) -> tuple[int, int]:
    """The span of the line that holds ``pos``, without its blanks."""
    s, e = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    e = len(text) if e < 0 else e
    line = text[s:e]
    return s + len(line) - len(line.lstrip()), s + len(line.rstrip())


def _headline_behind_labels(text: str, start: int, line: tuple[int, int], md: bool, date: bool = False) -> bool:
    """Whether ``line`` reads as a headline (or is a date line, with ``date``) and the lines from
    ``start`` down to it are labels of the page (a site's name, menus, a breadcrumb): no line of them
    has words in lower case but small function words, as a headline or a sentence has ("Freedonia
    Customs hosts a workshop" over a standfirst, a byline or a caption is the title, not what stands
    under it)."""
    head = text[line[0]:line[1]]
    if not date and (head.endswith((".", ":")) or ". " in head or _LABEL_LINE.match(head) or is_noise_line(head)):
        return False
    furniture = False
    lines = list(itertools.takewhile(lambda x: x[0] < line[0], _text_lines(text, start, md)))
    for i, (s, e, _) in enumerate(lines):
        above = text[s:e]
        if i == 1 and not date and _content_lower(above) and not above.endswith((".", ":")) \
                and _site_name(text[lines[0][0]:lines[0][1]]) and len(lines) > 2 and is_noise_line(text[lines[2][0]:lines[2][1]]):
            # ("Freedonia Development Bank" over "Building a better Freedonia" over a menu: a site's name
            # and motto, not a headline over a standfirst)
            continue
        if date and s == start:
            if not _site_name(above) or len(above.split()) >= 4 and above.isupper():
                return False  # (a headline, perhaps in capitals, over menus and the date: the title is the first line)
            continue  # (a site's name, in any language, over the date line: "Ministerio de Freedonia")
        if is_noise_line(above) or len(_DATE_LINE_PARTS.findall(above)) >= 2:
            furniture = True
            continue  # (a menu)
        if _content_lower(above):
            return False
    return furniture or not date  # (a date line right under a title of capitals is the title's)


# "Lima, 5 May 2019 - ", "Lima (Peru), 5 May 2019 – ": the place and date that open a dispatch
_PLACES_BEFORE_DATE = re.compile(r"(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}(?:\s*\([A-Z][^()\n]{1,40}\))?,\s*){1,2}")


def _place_date_lead(line: str) -> bool:
    """Whether a paragraph opens with the place and date it was written at, then a dash or a colon."""
    m = _PLACES_BEFORE_DATE.match(line)
    date = _date_line_re().match(line, m.end()) if m and len(line) >= PARAGRAPH else None
    return date is not None and (_DASH_SEPARATOR.match(line, date.end()) is not None or line.startswith(": ", date.end()))


END_WINDOW = 12
"""How many non-empty lines from the foot of a page are looked at for its date when none stands at the
top ("Published: 5 May 2019", "Last updated: 6 May 2019", "Date modified: 2019-05-06")."""


def _end_dateline(text: str, start: int, md: bool) -> tuple[int, int] | None:
    """The date of a labelled date line among the last lines of the page after ``start``: one that says
    when the page was published, else one that says when it was last changed, else the one date line
    without a label that closes the page's own text; another date without its label there may be
    another page's (a list of related news), and so are the dates of the items after a heading of
    other news and those of readers' comments."""
    tail = list(_text_lines(text, start, md))[-END_WINDOW:]
    end = own_text_end(text, start)
    comments = next((a for a, b, _ in _text_lines(text, end, md) if _COMMENTS.fullmatch(text, a, b)), len(text)) \
        if end < len(text) else len(text)
    # (published, where the date of an "updated" label is) of each line, read once
    marks = [(_published_label().match(text, s, e) is not None and is_date_line(text[s:e]), _updated_date(text[s:e]))
             for s, e, _ in tail]
    labelled = sum(1 for (s, _, _), (published, changed) in zip(tail, marks) if s >= end and (published or changed))
    updated = None
    for i, ((s, e, _), (published, changed)) in enumerate(zip(tail, marks)):
        if not published and (changed is None or updated is not None):
            continue
        if s >= comments:
            break  # (readers' comments: their dates, never the page's)
        other = s >= end  # (after "Related news": the dates of other pages, but the page's own last)
        nxt_line = text[tail[i + 1][0]:tail[i + 1][1]] if i + 1 < len(tail) else ""
        paired = not other and i + 1 < len(tail) and marks[i + 1][1] is not None
        if other and (labelled > 1 or nxt_line and _headline_of_other_news(nxt_line)):
            continue  # "Published: 3 May 2021" over "Ports forum opens in Lima": an item of other news
        if i and not paired and _headline_of_other_news(text[tail[i - 1][0]:tail[i - 1][1]]):
            continue  # "Ports forum opens in Lima" over "Published: 3 May 2021": another page's date (but a
            # page's own dates come in pairs: "Published: ..." over "Last updated: ...")
        if published:
            a, b = date_part(text[s:e])
            return s + a, s + b
        updated = (s + changed[0], s + changed[1])
    return updated or _own_foot_date(text, start, tail, end)


def _is_paragraph(line: str) -> bool:
    """Whether a line is a paragraph of the text: long, and ending a sentence."""
    return len(line) >= PARAGRAPH and line.endswith((".", "!", "?", ".\u201d", '."'))


FOOT_PARAGRAPHS = 2
"""How many paragraphs a text without a date line above it has before a date line without a label
that closes it ("... the workshop. / Lima, 5 March 2024") is read as its date."""


def _own_foot_date(text: str, start: int, tail: list[tuple[int, int, int]], end: int) -> tuple[int, int] | None:
    """A date line without a label that closes the page's own text of a few paragraphs ("... the
    workshop. / 5 March 2024", "Lima, 05/03/2024"): the one date line among the last lines, before
    anything else the page shows (its related news), and not under a headline of another page."""
    found = None
    for i, (s, e, _) in enumerate(tail):
        date = _bare_date(text[s:e]) if s < end else None
        if date is None:
            continue
        # (the lines under "Issued by:" name who issued the text, not another page: "Issued by: / Press
        # Office / Ministry of Ports / Lima, 5 March 2024")
        issued = any(_ISSUED_BY.fullmatch(text, a, b) for a, b, _ in tail[max(0, i - 4):i])
        if found is not None or i and not issued and _headline_of_other_news(text[tail[i - 1][0]:tail[i - 1][1]]):
            return None
        found = (s + date[0], s + date[1])
    if found is None:
        return None
    paragraphs = 0
    for a, b, _ in _text_lines(text, start):
        if b > found[0]:
            break
        paragraphs += _is_paragraph(text[a:b])
    return found if paragraphs >= FOOT_PARAGRAPHS else None


def _headline_of_other_news(line: str) -> bool:
    """Whether a line over a date at the foot of a page may be the headline of another page (a line of
    words that ends no sentence) or opens other news ("Related news", "Comments"), not a label or a
    link of the page ("Share this page", "Print", "Tags: ...")."""
    if len(line) <= 40 and _endings_pattern().fullmatch(line):
        return True
    return len(line.split()) >= 4 and len(line) < PARAGRAPH and line[:1].isupper() \
        and not line.endswith((".", "!", "?", ":", "”", '"', "»", ")")) and not is_noise_line(line) \
        and not _has_parts(line) and not _date_line_re().search(line) and not _LABEL_BEFORE.match(line)


_COMMENTS = re.compile(r"(?:comments?|leave a (?:comment|reply)|(?:\d+ )?responses?)(?: \(\d+\))?\s*:?", re.I)
_LABEL_BEFORE = re.compile(r"[^\W\d][\w ]{0,20}:\s")  # "Tags: ...", "Topics: ...": a label of the page


@functools.lru_cache(maxsize=None)
def _published_label() -> re.Pattern[str]:
    """A label that says when a page was published ("Published:", "Publié le", "Date:")."""
    words = date_labels()
    return re.compile(rf"(?:{words_pattern(words.get('published', []))}|{words_pattern(words.get('field', []))}\s*[:：])",
                      re.I)


def _bare_date(line: str) -> tuple[int, int] | None:
    """Where the date of a line that is only a date (perhaps with its place, and when it was updated) is."""
    if is_date_line(line):
        return date_part(line)
    m = _PLACE_BEFORE_DATE.match(line)
    date = _date_line_re().match(line, m.end()) if m else None
    if date is not None:
        if date.end() == len(line):
            return m.end(), len(line)
        # "Brasília, 3 de julho de 2024 – Atualizado em 03/07/2024 18h42": the date before its update
        part = _DATE_LINE_PARTS.match(line, date.end())
        if part is not None and _is_updated_part(line[part.end():]):
            return m.end(), date.end()
    m = _date_line_re().match(line)
    if m and _PLACE_AFTER_DATE.fullmatch(line, m.end()):
        return 0, m.end()
    return None


_PAREN_PLACE = re.compile(r"[A-Z][\w.’' -]{1,40},\s*")
_DASH_SEPARATOR = re.compile(r"\s*[-–—]\s+")


def _date_lead(line: str) -> tuple[int, int, int] | None:
    """(start, end) of the date that opens a paragraph ("(5 May 2019) The ...", "05/05/2019 - The
    ...") and where the paragraph's text starts after it, or None."""
    leads = [0]
    if line.startswith("("):  # "(5 May 2019)", "(Lima, 5 May 2019)"
        place = _PAREN_PLACE.match(line, 1)
        leads = [place.end(), 1] if place else [1]
    for lead in leads:
        m = _date_line_re().match(line, lead)
        if m is not None and (not lead or line.startswith(")", m.end())):
            break
    else:
        return None
    sep = _DATE_LEAD_SEPARATOR.match(line, m.end())
    return (lead, m.end(), sep.end()) if sep else None


LEAD_PARAGRAPHS = 2
"""How many paragraphs under the title are looked at for one that opens with the date ("(5 May 2019)
The ..."): a standfirst may come before it (but a date line stands above the first paragraph)."""


def _find_dateline(text: str, lines: Iterator[tuple[int, int, int]], window: int) -> tuple[tuple[int, int] | None, int]:
    """The date line among ``lines`` (those of ``_text_lines``) and where the body starts after it."""
    seen = paragraphs = 0
    other_news = False
    previous = ""
    fallback: tuple[tuple[int, int] | None, int] = (None, 0)  # a date the page says it was updated on
    for s, e, nxt in lines:
        line = text[s:e]
        updated = _updated_date(line) if fallback[0] is None and not paragraphs else None
        if updated is not None:
            fallback = (s + updated[0], s + updated[1]), nxt
            continue
        if is_date_line(line) and (not paragraphs or _published_label().match(line) and not other_news
                                   and not _headline_of_other_news(previous)):
            # (a date line below the text is another's, but a labelled one may follow a standfirst; not
            # one after "Related news" or under the headline of another page)
            a, b = date_part(line)
            return (s + a, s + b), nxt
        other_news = other_news or len(line) <= 40 and _endings_pattern().fullmatch(line) is not None
        previous = line
        furniture = furniture_date(line) if not paragraphs else None
        if furniture is not None:
            return (s + furniture[0], s + furniture[1]), nxt
        if is_noise_line(line):
            continue
        if _is_paragraph(line):
            lead = _date_lead(line)
            if lead is not None:
                return (s + lead[0], s + lead[1]), s + lead[2]
            paragraphs += 1
            if paragraphs == LEAD_PARAGRAPHS:
                break
        seen += 1
        if seen >= window:
            break
    return fallback


# --------------------------------------------------------------------------- readers


def read_text(path: Path, data: bytes) -> Iterator[Release]:
    """A release saved as plain text: title line, date line, body."""
    text = decode(path, data)
    title, dateline, body_start = layout(text)
    yield Release(id=printable(path.stem), source=str(path), text=text, title=title,
                  dateline=dateline, body_start=body_start)


def read_markdown(path: Path, data: bytes) -> Iterator[Release]:
    """A release in markdown: read as plain text; heading marks lie outside the title span."""
    text = decode(path, data)
    title, dateline, body_start = layout(text, md=True)
    yield Release(id=printable(path.stem), source=str(path), text=text, title=title,
                  dateline=dateline, body_start=body_start)


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")


def iso_date(value: str) -> dt.date | None:
    """The date of a string starting with ``YYYY-MM-DD``; None for anything else."""
    m = _ISO_DATE.match(value.strip())
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _one_line(value: str) -> str:
    return " ".join(normalise_text(value).split())


def _same_line(a: str, b: str) -> bool:
    return _one_line(a).casefold() == _one_line(b).casefold()


def assemble(*, id: str, source: str, title: str | None, date: str | None, body: str,
             url: str | None = None, publisher: str | None = None) -> Release:
    """Build a release from separate title, date and body strings.

    ``text = title \\n\\n [date \\n\\n] body``: an ISO date becomes ``published``; any other
    date string is written as the date line. Without a given date line, a date-only line
    at the head of the body (within DATE_WINDOW lines after a title, or as the first line when
    there is no title) is taken as the date line. A body starting with the title line again
    loses that line.
    """
    title = _one_line(title) if title else None
    title = title or None
    date = _one_line(date) if date else None
    published = iso_date(date) if date else None
    body = normalise_text(body).strip()
    if title:
        first, _, rest = body.partition("\n")
        if _same_line(first, title):
            body = rest.strip()
    text = ""
    title_span = dateline = None
    if title:
        text = title
        title_span = (0, len(title))
    if date and published is None:
        text += "\n\n" if text else ""
        dateline = (len(text), len(text) + len(date))
        text += date
    text += "\n\n" if text and body else ""
    body_start = len(text)
    text += body
    if dateline is None:
        found, after = _find_dateline(text, _text_lines(text, body_start), DATE_WINDOW if title else 1)
        if found:
            dateline, body_start = found, after
    return Release(id=id, source=source, text=text, title=title_span, dateline=dateline,
                   published=published, url=url, publisher=publisher, body_start=body_start)


def _field(obj: dict, names: tuple[str, ...], where: str, path: Path) -> str | None:
    for name in names:
        value = obj.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(path, f"{where}field '{name}' is not a string")
        return value
    return None


def _release_from_object(path: Path, obj: object, n: int | None, where: str,
                         source: str) -> Release:
    """One release from a JSON object; ``n`` numbers it in its file (None: the only one)."""
    if not isinstance(obj, dict):
        raise InputError(path, f"{where}not a JSON object")
    rid = obj.get("id")
    if rid is None:
        rid = printable(path.stem) if n is None else f"{printable(path.stem)}-{n}"
    else:
        if isinstance(rid, bool) or not isinstance(rid, (str, int)):
            raise InputError(path, f"{where}field 'id' is not a string")
        rid = str(rid).strip()
        if not rid:
            raise InputError(path, f"{where}field 'id' is empty")
        if any(ord(c) < 32 or ord(c) == 127 for c in rid):
            raise InputError(path, f"{where}field 'id' contains control characters")
    body = _field(obj, ("text", "body", "content"), where, path)
    if body is None:
        raise InputError(path, f"{where}no text field (text, body or content)")
    if not body.strip():
        raise InputError(path, f"{where}empty text")
    publisher = obj.get("publisher")
    if isinstance(publisher, dict):  # schema.org style {"name": ...}
        publisher = publisher.get("name")
    if publisher is not None and not isinstance(publisher, str):
        raise InputError(path, f"{where}field 'publisher' is not a string")
    release = assemble(
        id=rid,
        source=source,
        title=_field(obj, ("title", "headline"), where, path),
        date=_field(obj, ("date", "published", "datePublished"), where, path),
        body=body,
        url=(_field(obj, ("url",), where, path) or "").strip() or None,
        publisher=(_one_line(publisher) or None) if publisher else None,
    )
    nul = release.text.find("\x00")
    if nul >= 0:
        raise InputError(path, f"{where}contains a NUL character")
    for value in (release.id, release.text, release.url or "", release.publisher or ""):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as e:
            raise InputError(path, f"{where}contains a lone surrogate escape ({value[e.start]!r}), "
                                   "not a Unicode character") from None
    return release


def _loads(path: Path, text: str, where: str = "") -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(path, f"{where}not JSON ({e.msg} at line {e.lineno} column {e.colno})") from None
    except RecursionError:
        raise InputError(path, f"{where}not JSON (nested too deeply)") from None
    except ValueError as e:  # e.g. an integer of more digits than Python converts
        raise InputError(path, f"{where}not JSON ({e})") from None


def read_json(path: Path, data: bytes) -> Iterator[Release]:
    """One release per object of a JSON file holding an object or a list of objects."""
    value = _loads(path, decode(path, data))
    if isinstance(value, list):
        if not value:
            raise InputError(path, "empty list, no release")
        items = [(i, obj, f"item {i}: ", f"{path}#{i}") for i, obj in enumerate(value, 1)]
    else:
        items = [(None, value, "", str(path))]
    ids: set[str] = set()
    for n, obj, where, source in items:
        release = _release_from_object(path, obj, n, where, source)
        if release.id in ids:
            raise InputError(path, f"{where}duplicate id '{release.id}'")
        ids.add(release.id)
        yield release


def read_jsonl(path: Path, data: bytes) -> Iterator[Release]:
    """One release per non-blank line of a JSON Lines file."""
    text = decode(path, data)
    ids: set[str] = set()
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"line {n}: "
        release = _release_from_object(path, _loads(path, line, where), n, where,
                                       f"{path}#L{n}")
        if release.id in ids:
            raise InputError(path, f"{where}duplicate id '{release.id}'")
        ids.add(release.id)
        yield release


# --------------------------------------------------------------------------- HTML

_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside",
              "form", "iframe", "svg", "button", "select", "dialog", "menu")
_DROP_ROLES = ("navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog")
_BLOCK_TAGS = frozenset((
    "address", "article", "blockquote", "body", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p",
    "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
))


# the markup of a page, for counting the characters of its text: tags, comments, scripts and styles
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.S | re.I)
KEPT_TEXT = 0.9
"""The least share of a page's text characters its parse may hold: the HTML parser drops what lies
deeper than it reads (about 2,000 nested elements), and a page that loses more is refused, not read
in part."""


def _parse_html(path: Path, html: str, check: bool = True):
    """The page's tree; with ``check``, refused when the parser would drop some of its text."""
    import lxml.html

    # (huge_tree: past 255 nested elements libxml2 drops the content unless told otherwise)
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        doc = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except Exception as e:  # lxml.etree.ParserError ("Document is empty") and kin
        raise InputError(path, f"not HTML ({e})") from None
    if not check:
        return doc
    written = sum(len(w) for w in unescape(_MARKUP.sub(" ", html)).split())
    parsed = sum(len(w) for w in doc.text_content().split())
    if parsed < written * KEPT_TEXT:
        raise InputError(path, f"HTML nested too deeply: the parser keeps {parsed:,} of its {written:,} text characters")
    return doc


def _meta(doc, *queries: str) -> str | None:
    for query in queries:
        for value in doc.xpath(query):
            value = _one_line(str(value))
            if value:
                return value
    return None


def _absolute_url(value: str | None) -> str | None:
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:  # "https://[::1": not an address
        return None
    if parts.scheme in ("http", "https") and parts.netloc:
        return value.strip()
    return None


def _fallback_text(doc) -> str:
    """Block-separated visible text of <body> with navigation, scripts and forms removed."""
    body = doc.find("body")
    if body is None:
        body = doc
    drop = [el for tag in _DROP_TAGS for el in body.iter(tag)]
    drop += [el for el in body.iter() if isinstance(el.tag, str)
             and (el.get("role") or "").lower() in _DROP_ROLES]
    drop += [el for el in body.iter() if isinstance(el.tag, str)
             and (el.get("hidden") is not None or el.get("aria-hidden") == "true")]
    for el in drop:
        if el.getparent() is not None:
            el.drop_tree()
    pieces: list[str] = []
    # in document order, without recursion (a page may nest its elements thousands deep)
    from lxml import etree

    for event, el in etree.iterwalk(body, events=("start", "end")):
        block = isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS
        if event == "start":
            if block:
                pieces.append("\n")
            if el.text and isinstance(el.tag, str):
                pieces.append(el.text)
            continue
        if block:
            pieces.append("\n")
        if el.tail and el is not body:
            pieces.append(el.tail)
    blocks = (_one_line(b) for b in "".join(pieces).split("\n"))
    return "\n\n".join(b for b in blocks if b)


def _min_extracted_size() -> int:
    from trafilatura.settings import DEFAULT_CONFIG

    return DEFAULT_CONFIG.getint("DEFAULT", "MIN_EXTRACTED_SIZE", fallback=250)


def read_html(path: Path, data: bytes) -> Iterator[Release]:
    """The main text of an HTML page, with its title, date, canonical URL and site name."""
    import trafilatura

    html = decode(path, data)
    doc = _parse_html(path, html)
    extracted = trafilatura.bare_extraction(
        _parse_html(path, html, check=False),  # (a tree of its own: the extractor changes the tree it reads)
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    meta = extracted.as_dict() if extracted is not None else {}
    body = meta.get("text") or ""
    # one line per block: separate them by blank lines like paragraphs of a text release
    body = "\n\n".join(line.strip() for line in body.split("\n") if line.strip())
    if len(body) < _min_extracted_size():
        # Too short for the main-text extractor to be sure: it then dumps every text node of
        # the page, one per line. Read the blocks of <body> without its chrome instead.
        body = _fallback_text(_parse_html(path, html, check=False)) or body
    title = meta.get("title") or _meta(
        doc, "//h1//text()", "//meta[@property='og:title']/@content", "//title/text()")
    if not body.strip() and not title:
        raise InputError(path, "no text found in the HTML page")
    url = _absolute_url(_meta(doc, "//link[@rel='canonical']/@href",
                              "//meta[@property='og:url']/@content")) \
        or _absolute_url(meta.get("url"))
    publisher = meta.get("sitename") or _meta(doc, "//meta[@property='og:site_name']/@content")
    date = meta.get("date")
    release = assemble(
        id=printable(path.stem), source=str(path), title=title,
        date=date if date and iso_date(date) else None,
        body=body, url=url, publisher=_one_line(publisher) if publisher else None,
    )
    if not release.text.strip():
        raise InputError(path, "no text found in the HTML page")
    yield release


READERS: dict[str, Callable[[Path, bytes], Iterator[Release]]] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
}
"""File suffix (lower case) -> reader of that kind of file."""
