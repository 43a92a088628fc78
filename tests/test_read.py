"""Tests of kg.read: paths to releases."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import pytest

from kg import read
from kg.errors import InputError
from kg.read import iter_paths, read_all, read_path

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).resolve().parent / "fixtures" / "read"
BAD = FIX / "bad"
SEED = ROOT / "seeds" / "000_460ff2c4436acc53.txt"


def one(path) -> read.Release:
    releases = list(read_path(path))
    assert len(releases) == 1
    return releases[0]


def span(release, which):
    s = getattr(release, which)
    return None if s is None else release.text[s[0]:s[1]]


# ----------------------------------------------------------------------------- plain text


@pytest.mark.parametrize("name, title, dateline", [
    ("ru-notice.txt", "Customs Laboratory Network Meets in Riga to Compare Testing Methods",
     "14 октября 2020"),
    ("es-notice.txt", "Regional Workshop on Risk Management Opens in Montevideo",
     "05 noviembre 2013"),
    ("fr-notice.txt", "Trade Facilitation Forum Held in Dakar", "25 juin 2019"),
    ("zh-notice.txt", "Training Mission on Origin Rules Completed in Hanoi", "17 十二月 2013"),
    ("us-date.txt", "Ports Agency Announces New Inspection Schedule", "September 19, 2017"),
    ("iso-date.txt", "Statement on the Annual Maritime Report", "2019-06-07"),
    ("german.txt", "Zollverwaltung stellt Jahresbericht vor", "7. Juni 2019"),
    ("menus.txt", "Customs Academy Opens Its Doors to Regional Trainees", "Posted 14.03.2016"),
    ("menu-row.txt", "Port Authority Hosts Regional Seminar on Border Data", "Published on 12 May 2022"),
])
def test_text_title_and_dateline(name, title, dateline):
    r = one(FIX / name)
    assert r.id == Path(name).stem
    assert r.source == str(FIX / name)
    assert span(r, "title") == title
    assert span(r, "dateline") == dateline
    assert r.published is None  # a written date line is left to the extractor
    assert r.body_start >= r.dateline[1]
    assert r.text[r.body_start:].strip().startswith(("Representatives", "A ", "The ", "Die "))


def test_own_text_ends_at_a_heading_of_other_news():
    r = one(FIX / "menu-row.txt")
    end = read.own_text_end(r.text, r.body_start)
    assert r.text[end:].startswith("Related news")
    assert "Ruritania Revenue Authority" in r.text[r.body_start:end]
    assert read.own_text_end(r.text[:end], r.body_start) == end  # (none: the end of the text)


def test_text_is_the_file_text():
    r = one(FIX / "ru-notice.txt")
    assert r.text == (FIX / "ru-notice.txt").read_text(encoding="utf-8")


def test_noise_lines_before_title_are_skipped():
    r = one(FIX / "ru-notice.txt")
    before = r.text[:r.title[0]]
    assert "Эта страница" in before and "Skip to main content" in before
    assert "• English" in before and "Menu" in before
    assert read.is_noise_line("所选语言本页无任何内容 Chinese : 中文 因此返回到 English : English")
    assert read.is_noise_line("Share this page")
    assert not read.is_noise_line("Trade Facilitation Forum Held in Dakar")
    assert read.is_noise_line("FOR IMMEDIATE RELEASE") and read.is_noise_line("Press Release No. 12/2019")
    assert not read.is_noise_line("Press release templates adopted by the Council")


def test_seed_release():
    r = one(SEED)
    assert r.headline.startswith("WCO Participates")
    assert span(r, "title").startswith("WCO Participates in the UNODC")
    assert span(r, "dateline") == "07 июня 2019"
    assert r.text[r.body_start:].lstrip().startswith("At the invitation")


def test_no_title_when_first_line_is_a_date():
    r = one(FIX / "no-title.txt")
    assert r.title is None and r.headline is None
    assert span(r, "dateline") == "4 April 2016"
    assert r.text[r.body_start:].strip().startswith("The council met")


@pytest.mark.parametrize("date", ["14.03.2024", "14 March 2024", "Thursday, March 14, 2024"])
def test_a_line_of_words_under_a_first_line_date_is_the_title(tmp_path, date):
    assert laid_out(tmp_path, f"{date}\n\nFreedonia Police host a meeting on cybercrime\n\nThe Freedonia National "
                    "Police hosted a regional meeting on cybercrime in Lisbon on 12 March 2024, with delegates of six "
                    "countries.\n") == ("Freedonia Police host a meeting on cybercrime", date, "The Freedonia National")


def laid_out(tmp_path, text: str) -> tuple[str, str, str]:
    """The title, the date line and the first words of the body of a release saved as ``text``."""
    p = tmp_path / "r.txt"
    p.write_text(text)
    r = one(p)
    return span(r, "title"), span(r, "dateline"), r.text[r.body_start:].strip()[:len("The Freedonia National")]


@pytest.mark.parametrize("link", ["Back", "Retour", "News Home"])
def test_a_link_fused_before_a_title_the_next_line_repeats(tmp_path, link):
    assert laid_out(tmp_path, f"{link} Freedonia Police host a meeting on cybercrime\n\nFreedonia Police host a "
                    "meeting on cybercrime\n\n14 March 2024\n\nThe Freedonia National Police hosted a regional "
                    "meeting.\n") == ("Freedonia Police host a meeting on cybercrime", "14 March 2024", "The Freedonia National")


def test_a_title_over_a_line_that_ends_like_it_stays_the_title(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("Ministers of Freedonia and Sylvania meet on border security\n\nmeet on border security\n\n"
                 "14 March 2024\n\nThe ministers met in Lisbon.\n")
    r = one(p)
    assert span(r, "title") == "Ministers of Freedonia and Sylvania meet on border security"


def test_a_list_of_dated_headlines_above_the_title_is_other_news(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("Latest news\n12 January 2024 - Ministers meet in Lisbon\n3 February 2024 - A new customs code\n\n"
                 "Freedonia Police host a meeting on cybercrime\n14 March 2024\n\nThe Freedonia National Police "
                 "hosted a regional meeting on cybercrime in Lisbon on 12 March 2024.\n")
    r = one(p)
    assert span(r, "title") == "Freedonia Police host a meeting on cybercrime"
    assert span(r, "dateline") == "14 March 2024"


@pytest.mark.parametrize("lines, date", [
    ("Updated at 17:11, 20-07-2018\n\nPolice officers trained in Minsk\n", "20-07-2018"),
    ("Police officers trained in Minsk\n\nLast updated: 21 July 2018\n", "21 July 2018"),
    ("Police officers trained in Minsk\n\nLast updated: 21 July 2018\nPublished: 20 July 2018\n", "20 July 2018"),
])
def test_the_date_a_page_was_updated_is_its_date_when_it_gives_no_other(tmp_path, lines, date):
    p = tmp_path / "r.txt"
    p.write_text(lines + "\nTwenty-five police officers were trained in Minsk at courses of the Alpha Police Office.\n")
    r = one(p)
    assert span(r, "title") == "Police officers trained in Minsk"
    assert date in span(r, "dateline")


def test_relative_date_is_not_a_dateline():
    r = one(FIX / "relative.txt")
    assert span(r, "title") == "Partnership Renewed With Regional Development Bank"
    assert r.dateline is None
    assert r.body_start == r.title[1] + 1
    assert not read.is_date_line("7 months ago")


def test_place_and_date_or_event_dates_are_not_a_dateline():
    r = one(FIX / "place-date.txt")
    assert span(r, "title") == "Ministers Agree on Common Border Procedures"
    assert r.dateline is None


@pytest.mark.parametrize("line", [
    "07 июня 2019", "05 noviembre 2013", "25 juin 2019", "17 十二月 2013", "30 June 2009",
    "2019-06-07", "September 19, 2017", "4 April 2016", "5 de noviembre de 2013",
    "1er décembre 2020", "12 de março de 2018", "3 ottobre 2015", "2019年6月7日",
    "  Sept. 19, 2017  ", "7 июня 2019 г.", "05.06.2019", "25/06/2019", "5-6-2019",
    "Published on 9 September 2021", "Wednesday, 5 June 2019", "Date: 05.06.2019",
    "2019-06-05 10:30", "5 June 2019, 14:00 CET", "05 June 2019 | News", "Brussels | 14 May 2020",
    "News • Brussels • 5 June 2019", "5 June 2019 | 3 min read", "20 June 2016|Announcement",
    "• Wednesday, 12 October 2022", "2017-04-07 16:28 | news.example | 1",
    "2019/06/07", "Posted: Thu, 05/06/2019 - 10:30", "5. Juni 2019", "5 mei 2019", "5 maj 2019", "5 Mayıs 2019",
    "05 June 2019 10:30 AM", "Posted on June 5th, 2019 by the press office", "5-Jun-2019", "2019.06.05",
    "5th of June 2019", "5 June 2019 — News release", "Release Date: June 5, 2019",
    "Published: 5 June 2019 | Last updated: 6 June 2019", "Fecha: 5 de junio de 2019", "Дата: 5 июня 2019",
    "Publié le 5 juin 2019", "发布日期：2019年6月7日", "Posted by Admin on 5 June 2019",
    "05.06.2019 | Reading time: 2 min", "5 June 2019 Press Release", "Lisbon, Portugal | 5 June 2019",
])
def test_date_line_shapes(line):
    assert read.is_date_line(line)


@pytest.mark.parametrize("line", [
    "Brussels, 30 June 2009", "2 – 3 November 2022, Hosted by the Council", "7 months ago",
    "June 2019", "2019", "Published in 2016", "30 June", "Monday", "Updated on 4 April 2016",
    "14 May 2020 | 2 June 2020", "5 June 2019 | The WCO held a meeting in Brussels with its partners",
])
def test_not_date_lines(line):
    assert not read.is_date_line(line)


@pytest.mark.parametrize("line, date", [
    ("[5 June 2019]", "5 June 2019"), ("(5 June 2019)", "5 June 2019"), ("5 June 2019 (Vienna)", "5 June 2019"),
    ("June 5, 2019 @ 10:22 am", "June 5, 2019"), ("05 June 2019 Last updated: 06 June 2019", "05 June 2019"),
    ("Category: News Published: 05 June 2019 Hits: 1234", "Published: 05 June 2019"),
])
def test_a_date_among_page_furniture_under_the_title(line, date):
    text = f"Freedonia Customs Opens a Training Centre\n\n{line}\n\nThe centre opened its doors to trainees.\n"
    title, dateline, body = read.layout(text)
    assert text[dateline[0]:dateline[1]] == date
    assert text[body:].strip().startswith("The centre")


@pytest.mark.parametrize("line", [
    "Workshop on Ports, 3-5 June 2019", "Forum on Ports, 3 to 5 June 2019", "5 June 2019,",
    "The ministers met on 5 June 2019 in Vienna to agree on the new rules for the ports of the region",
    "Ports, 5 June 2019 and 6 June 2019", "Brussels, 30 June 2009",
])
def test_no_date_among_page_furniture(line):
    assert read.furniture_date(line) is None


@pytest.mark.parametrize("line, date", [
    ("Publicado em 22/05/2024 16h40   Atualizado em 23/05/2024 09h12", "Publicado em 22/05/2024 16h40"),
    ("Veröffentlicht am 14. Mai 2024, aktualisiert am 15. Mai 2024", "Veröffentlicht am 14. Mai 2024"),
    ("Pubblicato il 14 maggio 2024 - Aggiornato il 15 maggio 2024", "Pubblicato il 14 maggio 2024"),
    ("Publié le 14 novembre 2024 - Mis à jour le 15 novembre 2024", "Publié le 14 novembre 2024"),
    ("Publicado: 14 de mayo de 2024 | Actualizado: 15 de mayo de 2024", "Publicado: 14 de mayo de 2024"),
    ("Donnerstag, 14. November 2024", "Donnerstag, 14. November 2024"),
    ("Quinta-feira, 14 de novembro de 2024", "Quinta-feira, 14 de novembro de 2024"),
    ("Jeudi 14 novembre 2024", "Jeudi 14 novembre 2024"),
    ("Gepubliceerd op 14 november 2024", "Gepubliceerd op 14 november 2024"),
    ("Thứ Năm, 14/11/2024 14:30", "Thứ Năm, 14/11/2024 14:30"),
])
def test_date_lines_labelled_in_more_languages(line, date):
    """The labels of a date line ("published", "updated", weekdays) in the languages of the month
    words: the publication date is the one not labelled as an update."""
    text = f"Freedonia Customs Opens a Training Centre\n\n{line}\n\nThe centre opened its doors to trainees.\n"
    title, dateline, body = read.layout(text)
    assert text[dateline[0]:dateline[1]] == date
    assert text[body:].strip().startswith("The centre")


def test_a_label_is_a_whole_word():
    """"Update : 12.06.2024" is an update ("date" there is no "Date:" label): the date before it is the page's."""
    assert read.furniture_date("Ivo Marsh  |12.06.2024 - Update : 12.06.2024") == (12, 22)


@pytest.mark.parametrize("line", ["Atualizado em 23/05/2024", "Mis à jour le 15 novembre 2024", "Jeudi"])
def test_an_update_label_or_a_weekday_alone_is_not_a_date_line(line):
    assert not read.is_date_line(line)


def test_date_labels_are_data():
    labels = read.date_labels()
    assert {"published", "field", "updated", "weekday", "preposition", "article"} <= set(labels)
    assert "atualizado" in labels["updated"] and "jeudi" in labels["weekday"] and "le" in labels["article"]


@pytest.mark.parametrize("head", ["Latest news\nPhoto", "Read this in Français",
                                  "Stories from the field\nHome | About | News | Contact | Media"])
def test_the_headline_over_the_date_line_under_labels_of_the_page(head):
    text = (f"{head}\nFreedonia hosts the regional forum on ports and borders\n5 May 2024\n\n"
            "The Freedonia Ports Authority hosted the forum.\n")
    title, dateline, body = read.layout(text)
    assert text[title[0]:title[1]] == "Freedonia hosts the regional forum on ports and borders"
    assert text[dateline[0]:dateline[1]] == "5 May 2024"


def test_a_title_of_words_keeps_its_place_over_a_standfirst():
    text = ("Freedonia hosts the regional forum on ports\nMinisters of six countries agree on a common plan\n"
            "5 May 2024\n\nThe Freedonia Ports Authority hosted the forum.\n")
    title, dateline, body = read.layout(text)
    assert text[title[0]:title[1]] == "Freedonia hosts the regional forum on ports"


@pytest.mark.parametrize("under", ["Share this page on Facebook or Twitter",
                                   "Press release from the Ministry of Foreign Affairs of Freedonia",
                                   "By Jane Smith, Press Officer of the Freedonia Ports Authority",
                                   "Ministers of six countries agreed on a common plan for the ports."])
def test_a_short_title_keeps_its_place_over_noise_a_byline_or_a_sentence(under):
    text = f"Freedonia joins ABC\n{under}\n5 May 2024\n\nThe Freedonia Ports Authority hosted the forum.\n"
    title, dateline, body = read.layout(text)
    assert text[title[0]:title[1]] == "Freedonia joins ABC"


def test_an_english_article_before_a_date_makes_no_date_line():
    text = ("Freedonia reviews its ports policy\n\nA 12 June 2019 decision of the Council set the rules for the "
            "ports of the region, for their operators and for the customs administrations of the ABC.\n")
    assert read.layout(text)[1] is None


def test_labels_of_scripts_written_without_blanks_may_run_on():
    assert read.is_date_line("发布于 2019年6月7日")
    line = "2019年6月7日 更新于 2019年6月8日"
    a, b = read.furniture_date(line)
    assert line[a:b] == "2019年6月7日"


def test_month_table_is_data():
    months = read.month_words()
    assert months["июня"] == 6 and months["октября"] == 10 and months["ноября"] == 11
    assert months["noviembre"] == 11 and months["juin"] == 6 and months["十二月"] == 12
    assert months["september"] == 9 and months["märz"] == 3


def test_crlf_and_bom_are_normalised(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"\xef\xbb\xbfTitle Of Release\r\n\r\n30 June 2009\r\rBody.\r\n")
    r = one(p)
    assert r.text == "Title Of Release\n\n30 June 2009\n\nBody.\n"
    assert span(r, "title") == "Title Of Release"
    assert span(r, "dateline") == "30 June 2009"


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "wide.txt"
    p.write_bytes("Заголовок релиза\n\n07 июня 2019\n\nТекст.".encode("utf-16"))
    r = one(p)
    assert span(r, "title") == "Заголовок релиза"
    assert span(r, "dateline") == "07 июня 2019"


# ----------------------------------------------------------------------------- markdown


def test_markdown_title_outside_heading_marks():
    r = one(FIX / "release.md")
    assert span(r, "title") == "Coastal Cleanup Campaign Launched in Valparaíso"
    assert r.text.startswith("# Coastal")
    assert span(r, "dateline") == "30 June 2009"
    body = r.text[r.body_start:]
    assert "**Coastal Cleanup Campaign**" in body and "## Background" in body


# ----------------------------------------------------------------------------- HTML


def test_html_main_text_without_chrome_or_script():
    r = one(FIX / "press-page.html")
    assert r.id == "press-page"
    assert span(r, "title") == "Harbour Authority signs port safety pact"
    assert span(r, "dateline") == "12 March 2021"
    assert r.published == dt.date(2021, 3, 12)
    assert r.url == "https://harbour.example.org/news/port-safety-pact"
    assert r.publisher == "Harbour Authority"
    assert "Lisbon, Portugal" in r.text and "joint committee" in r.text
    for chrome in ("SCRIPT-SECRET", "INLINE-SCRIPT-TEXT", "Newsroom navigation", "menu",
                   "Footer", "Skip to main content", "color: red"):
        assert chrome not in r.text
    assert r.text.count("Harbour Authority signs port safety pact") == 1


def test_html_short_page_keeps_blocks(tmp_path):
    p = tmp_path / "short.htm"
    p.write_text("<html><head><title>Short Note</title></head><body><nav>Home News</nav>"
                 "<div>Short <b>bold</b> note.<br>Line two</div><script>var s = 'x';</script>"
                 "</body></html>", encoding="utf-8")
    r = one(p)
    assert span(r, "title") == "Short Note"
    assert "Short bold note." in r.text and "Line two" in r.text
    assert "Home News" not in r.text and "var s" not in r.text


def test_html_without_text(tmp_path):
    p = tmp_path / "blank.html"
    p.write_text("<html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="blank.html: no text found"):
        list(read_path(p))


# ----------------------------------------------------------------------------- JSON


def test_json_list():
    releases = list(read_path(FIX / "releases.json"))
    assert [r.id for r in releases] == ["pr-2021-001", "releases-2", "releases-3"]
    assert [r.source for r in releases] == [f"{FIX / 'releases.json'}#{n}" for n in (1, 2, 3)]
    first, second, third = releases
    assert span(first, "title") == "Agency Opens Office in Nairobi"
    assert first.published == dt.date(2021, 5, 4) and first.dateline is None
    assert first.url == "https://agency.example.org/pr/2021-001"
    assert first.publisher == "Example Agency"
    assert first.text == ("Agency Opens Office in Nairobi\n\nThe agency opened a regional office "
                          "in Nairobi, Kenya.\n\nThe office will serve East Africa.")
    assert first.text[first.body_start:].startswith("The agency opened")
    # a date that is not ISO is written as the date line
    assert span(second, "title") == "Board Approves Budget"
    assert second.published is None and span(second, "dateline") == "3 mai 2021"
    assert second.text == "Board Approves Budget\n\n3 mai 2021\n\nThe board approved the budget for the coming year."
    # a body repeating the title does not repeat it in the text
    assert third.published == dt.date(2021, 6, 30)
    assert third.text.count("Seminar on Data Exchange") == 1


def test_jsonl_lines():
    releases = list(read_path(FIX / "releases.jsonl"))
    assert [r.id for r in releases] == ["line-one", "releases-3"]
    assert [r.source for r in releases] == [f"{FIX / 'releases.jsonl'}#L1",
                                            f"{FIX / 'releases.jsonl'}#L3"]
    assert releases[0].published == dt.date(2022, 1, 15)
    assert span(releases[1], "dateline") == "15 января 2022"
    assert releases[1].published is None


def test_json_single_object_and_id_rules(tmp_path):
    p = tmp_path / "single.json"
    p.write_text('{"title": "One", "text": "Body of one.", "id": 17}', encoding="utf-8")
    assert one(p).id == "17"
    p.write_text('{"title": "One", "text": "Body of one."}', encoding="utf-8")
    assert one(p).id == "single" and one(p).source == str(p)
    p.write_text('{"title": "One", "text": "Body.", "id": "  "}', encoding="utf-8")
    with pytest.raises(InputError, match="single.json: field 'id' is empty"):
        list(read_path(p))
    p.write_text('[{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]', encoding="utf-8")
    with pytest.raises(InputError, match="item 2: duplicate id 'a'"):
        list(read_path(p))
    p.write_text('[{"text": "x"}, 3]', encoding="utf-8")
    with pytest.raises(InputError, match="item 2: not a JSON object"):
        list(read_path(p))
    p.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InputError, match="single.json: not JSON"):
        list(read_path(p))


def test_iso_date():
    assert read.iso_date("2019-06-07T08:00:00Z") == dt.date(2019, 6, 7)
    assert read.iso_date("2019-13-07") is None
    assert read.iso_date("07 June 2019") is None


# ----------------------------------------------------------------------------- bad files


@pytest.mark.parametrize("name, problem", [
    ("empty.txt", "empty file"),
    ("blank.txt", "empty file"),
    ("latin1.txt", "not UTF-8 text (byte 1)"),
    ("nul.txt", "NUL"),
    ("broken.json", "not JSON"),
    ("notext.jsonl", "line 2: no text field"),
    ("notes.xyz", "unknown file type '.xyz'"),
])
def test_bad_files(name, problem):
    with pytest.raises(InputError) as err:
        list(read_path(BAD / name))
    assert name in str(err.value) and problem in str(err.value)
    assert err.value.path == str(BAD / name)


def test_jsonl_streams_until_the_bad_line():
    releases = read_path(BAD / "notext.jsonl")
    assert next(releases).headline == "Has text"
    with pytest.raises(InputError, match="line 2"):
        next(releases)


def test_missing_path(tmp_path):
    missing = tmp_path / "gone.txt"
    with pytest.raises(InputError, match="gone.txt: no such file or directory"):
        list(iter_paths([missing]))
    with pytest.raises(InputError, match="gone.txt: no such file or directory"):
        list(read_path(missing))


def test_unknown_suffix_named_explicitly():
    with pytest.raises(InputError, match="notes.xyz: unknown file type"):
        list(iter_paths([BAD / "notes.xyz"]))


def test_too_large(tmp_path, monkeypatch):
    p = tmp_path / "big.txt"
    p.write_text("Title\n\n" + "word " * 100, encoding="utf-8")
    monkeypatch.setattr(read, "MAX_BYTES", 50)
    with pytest.raises(InputError, match="big.txt: file too large"):
        list(read_path(p))


def test_unreadable_file(tmp_path, monkeypatch):
    p = tmp_path / "locked.txt"
    p.write_text("Title\n\nBody.", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(read.os, "open", refuse)
    with pytest.raises(InputError, match="locked.txt: permission denied"):
        list(read_path(p))


def _read_problem(path: str) -> str:
    try:
        list(read_path(path))
    except InputError as e:
        return str(e)
    return "read"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_unreadable_file_for_real():
    """A file its reader may not read; as root (whom permissions do not stop), the reading is done by
    a forked child that has dropped to the unprivileged user ``nobody``."""
    import multiprocessing
    import tempfile

    folder = tempfile.mkdtemp(prefix="kg-perm-", dir="/tmp")
    os.chmod(folder, 0o755)
    p = Path(folder) / "locked.txt"
    p.write_text("Title\n\nBody.", encoding="utf-8")
    p.chmod(0)
    try:
        if os.geteuid() != 0:
            assert _read_problem(str(p)) == f"{p}: permission denied"
            return
        ctx = multiprocessing.get_context("fork")
        results = ctx.Queue()

        def as_nobody():
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            results.put(_read_problem(str(p)))
        child = ctx.Process(target=as_nobody)
        child.start()
        child.join(60)
        assert child.exitcode == 0
        assert results.get(timeout=5) == f"{p}: permission denied"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_never_opened(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="pipe.txt: not a regular file"):
        list(iter_paths([fifo]))
    with pytest.raises(InputError, match="pipe.txt: not a regular file"):
        list(read_path(fifo))
    assert list(iter_paths([tmp_path])) == []


# ----------------------------------------------------------------------------- walking


def _tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    (root / "b" / "z.txt").write_text("Z title\n\nBody z.", encoding="utf-8")
    (root / "b" / "c.md").write_text("# C title\n\nBody c.", encoding="utf-8")
    (root / "a" / "y.HTML").write_text("<html><body><p>Y text.</p></body></html>",
                                       encoding="utf-8")
    (root / "a" / "notes.xyz").write_text("skip me", encoding="utf-8")
    (root / "a" / ".secret.txt").write_text("Hidden\n\nBody.", encoding="utf-8")
    (root / ".hidden" / "x.txt").write_text("Hidden dir\n\nBody.", encoding="utf-8")
    (root / "m.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")


def test_walk_is_recursive_sorted_and_skips_hidden(tmp_path):
    _tree(tmp_path)
    got = list(iter_paths([tmp_path]))
    assert got == [tmp_path / "a" / "y.HTML", tmp_path / "b" / "c.md",
                   tmp_path / "b" / "z.txt", tmp_path / "m.jsonl"]
    assert [r.id for r in read_all([tmp_path])] == ["y", "c", "z", "m-1", "m-2"]


def test_inputs_in_given_order_without_duplicates(tmp_path):
    _tree(tmp_path)
    z = tmp_path / "b" / "z.txt"
    got = list(iter_paths([str(z), tmp_path / "b", z]))
    assert got == [Path(str(z)), tmp_path / "b" / "c.md"]
    # a hidden file named explicitly is read
    assert list(iter_paths([tmp_path / "a" / ".secret.txt"])) == [tmp_path / "a" / ".secret.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_symlink_loop_terminates(tmp_path):
    _tree(tmp_path)
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "b" / "self").symlink_to(tmp_path / "b", target_is_directory=True)
    (tmp_path / "a" / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    got = list(iter_paths([tmp_path]))
    assert got == [tmp_path / "a" / "y.HTML", tmp_path / "b" / "c.md",
                   tmp_path / "b" / "z.txt", tmp_path / "m.jsonl"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_links_out_of_the_input_folder_are_not_followed(tmp_path):
    corpus, private = tmp_path / "corpus", tmp_path / "private"
    (corpus / "inner").mkdir(parents=True)
    private.mkdir()
    (private / "diary.txt").write_text("My diary\n\n01 January 2025\n\nPrivate words.\n")
    (corpus / "inner" / "kept.txt").write_text("A release\n\n01 January 2025\n\nFreedonia Customs met.\n")
    (corpus / "diary.txt").symlink_to(private / "diary.txt")
    (corpus / "private-folder").symlink_to(private, target_is_directory=True)
    (corpus / "inside.txt").symlink_to(corpus / "inner" / "kept.txt")  # a link inside the folder: read once
    skipped = []
    got = [r.source for r in read.read_all([corpus], on_skip=skipped.append)]
    assert got == [str(corpus / "inner" / "kept.txt")]
    assert sorted(e.path for e in skipped) == [str(corpus / "diary.txt"), str(corpus / "private-folder")]
    # named by the user, a link is followed
    assert [r.source for r in read.read_all([corpus / "diary.txt"])] == [str(corpus / "diary.txt")]


def test_fixture_folder_walk():
    got = [p.relative_to(FIX).as_posix() for p in iter_paths([FIX])]
    assert got == sorted(got, key=lambda s: s.split("/"))
    assert "bad/notes.xyz" not in got and "bad/empty.txt" in got
    assert got[0] == "bad/blank.txt"


def test_walk_writes_paths_as_pathlib_does(tmp_path, monkeypatch):
    """The walk builds paths as strings; they are the ones pathlib writes ("." / "a" is "a"), so a
    release's source is the same however its folder is named."""
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    for top in (".", "./", "b", "b/", "./b/../b"):
        got = [str(p) for p in iter_paths([top])]
        walked = [str(Path(top) / p.relative_to(tmp_path / Path(top))) for p in iter_paths([tmp_path / top])]
        assert got == walked, top
    assert [r.source for r in read_all(["."])] == ["a/y.HTML", "b/c.md", "b/z.txt", "m.jsonl#L1", "m.jsonl#L2"]


def test_suffix_is_pathlib_suffix():
    from kg.read import _suffix

    for name in ["a.txt", "A.TXT", ".hidden", "a.", "a.b.Json", "noext", "dir.d/file", "x/.y", "x/y.md", "..",
                 "a..txt", "/", "x/", "é.HTML"]:
        assert _suffix(str(Path(name))) == Path(name).suffix.lower(), name


def test_compiled_control_scan_is_the_control_pattern():
    import random

    from kg import _speedups
    from kg.read import _CONTROL

    rnd = random.Random(41)
    chars = "a \n\t\r\x00\x01\x08\x09\x0a\x0b\x0c\x0d\x0e\x1f\x20\x7e\x7f\x80\x85\x9f\xa0é’\u2028\U0001F600"
    for _ in range(3000):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 30)))
        m = _CONTROL.search(text)
        assert _speedups.first_control(text) == (m.start() if m else -1), repr(text)


def test_date_line_below_page_furniture():
    text = ("Ports Agency Opens a Training Centre\n\nShare\n\nPrint\n\nSubscribe\n\nNews\n\nRelated topics\n\n"
            "4 April 2016\n\nThe centre opened its doors to trainees from the region.\n")
    title, dateline, body = read.layout(text)
    assert text[dateline[0]:dateline[1]] == "4 April 2016"
    assert text[body:].strip().startswith("The centre")


@pytest.mark.parametrize("line, date", [
    ("12.03.2021 10:15", "12.03.2021 10:15"),
    ("Ruritania City, 12 March 2021", "12 March 2021"),
    ("12-03-2021 (Freedonia)", "12-03-2021"),
])
def test_date_line_under_a_title_behind_menus(line, date):
    # a page whose menus, banners and teasers come first: the title is the line of words above the date
    menus = "".join(f"{w}\n\n" for w in ("Skip to the content of this page", "Member countries:", "Observers:",
                                            "Partners of the network:", "Make this your homepage", "Add to favourites",
                                            "14:02 Ruritania City", "13:40 Freedonia City", "Mission statement"))
    text = ("<\n\n×\n\n" + menus +
            "Freedonia Customs Opens a Training Centre for the Region\n\n" + line + "\n\n"
            "The centre opened its doors to trainees from the whole region on Monday, after two years of works.\n")
    title, dateline, body = read.layout(text)
    assert text[title[0]:title[1]] == "Freedonia Customs Opens a Training Centre for the Region"
    assert text[dateline[0]:dateline[1]] == date
    assert text[body:].strip().startswith("The centre")


def test_a_web_archive_banner_is_page_chrome():
    banner = ("You are viewing an archived web page, collected at the request of the Freedonia Ports Agency. This page "
              "was captured on 01:56:22 Dec 15, 2015, and may be out of date.")
    text = (banner + "\n\nLoading media information\n\nNews\n\nFreedonia Customs Opens a Training Centre for the Region"
            "\n\n12-03-2021 (Freedonia)\n\n"
            "The centre opened its doors to trainees from the whole region on Monday, after two years of works.\n")
    assert read.is_noise_line(banner)
    title, dateline, body = read.layout(text)
    assert text[dateline[0]:dateline[1]] == "12-03-2021"


def test_lines_without_a_word_are_page_noise():
    assert read.is_noise_line("  <  ") and read.is_noise_line("* * *") and not read.is_noise_line("G20")


def test_the_first_paragraph_ends_the_look_for_a_date_line():
    text = ("Ports Agency Opens a Training Centre\n\nThe centre opened its doors to trainees from the whole region "
            "on Monday, after two years of works financed by the partners.\n\n4 April 2016\n")
    assert read.layout(text)[1] is None


@pytest.mark.parametrize("paragraph, date, rest", [
    ("(5 May 2019) The ports agency opened a training centre for the trainees of the whole region this week.",
     "5 May 2019", "The ports"),
    ("05/05/2019 - The ports agency opened a training centre for the trainees of the whole region this week.",
     "05/05/2019", "The ports"),
])
def test_a_date_that_opens_the_first_paragraph(paragraph, date, rest):
    for text in (f"Ports Agency Opens a Training Centre\n\n{paragraph}\n", f"{paragraph}\n"):
        title, dateline, body = read.layout(text)
        assert text[dateline[0]:dateline[1]] == date
        assert text[body:].startswith(rest)
