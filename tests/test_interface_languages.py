"""The interface in English, Russian and Kazakh: every string translated, the catalogues compiled, the reader's
choice remembered by cookie, and the law's own language kept apart from the interface's."""

import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

from lawreader.annotate.note_html import note_words, written_for
from lawreader.compare.redline_html import redline_words, unchanged_summary
from lawreader.store.models.annotations import kind_names
from lawreader.web.management.commands.compile_catalogues import catalogues

LAW = "/laws/foreign-intelligence"
PAGES = [
    "/laws/",
    f"{LAW}/on/2014-04-18/",
    f"{LAW}/on/2014-04-18/art_9/",
    f"{LAW}/on/2014-04-18/contents/",
    f"{LAW}/compare/2010-06-02/to/2014-04-18/",
    f"{LAW}/history/art_9/",
    f"{LAW}/amendments/",
    "/search/?q=intelligence",
    "/search/",
]


def test_there_is_a_catalogue_for_russian_and_kazakh():
    assert [path.parent.parent.name for path in catalogues()] == ["kk", "ru"]


@pytest.mark.parametrize("path", catalogues(), ids=lambda path: path.parent.parent.name)
def test_every_interface_string_is_translated(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue if not entry.translated()]
    assert untranslated == []
    for entry in catalogue:
        for placeholder in re.findall(r"%\(\w+\)[sd]", entry.msgid):
            translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            assert all(placeholder in translation for translation in translations), entry.msgid


@pytest.mark.parametrize("path", catalogues(), ids=lambda path: path.parent.parent.name)
def test_the_compiled_catalogue_is_the_catalogue(path):
    with tempfile.TemporaryDirectory() as folder:
        compiled = Path(folder) / "django.mo"
        polib.pofile(str(path)).save_as_mofile(str(compiled))
        assert compiled.read_bytes() == path.with_suffix(".mo").read_bytes(), "run manage.py compile_catalogues"


def test_choosing_a_language_is_remembered_and_returns_to_the_page(client, bundled_law):
    response = client.get("/language/kk/", {"next": f"{LAW}/on/2014-04-18/art_9/"})
    assert response.status_code == 302 and response["Location"] == f"{LAW}/on/2014-04-18/art_9/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"
    assert client.get("/language/xx/", {"next": "https://elsewhere.example/"})["Location"] == "/"


CONTENT_CLASSES = {
    "law-text",
    "note",
    "source-note",
    "source-notes",
    "edition-label",
    "timeline-label",
    "result-snippet",
}
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source"}


class InterfaceText(HTMLParser):
    """The page's words that are the interface's, not the law's: the law's text, its notes and the editions' own
    labels and source notes are English content whatever the interface language."""

    def __init__(self):
        super().__init__()
        self.words, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        if self.skipping or classes & CONTENT_CLASSES or tag in ("script", "style"):
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag not in VOID and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.words.append(data)


def interface_text(html):
    parser = InterfaceText()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.words))


def english_strings(language):
    """The catalogue's interface strings of two words or more, in English, that the language translates."""
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    return [
        entry.msgid
        for entry in polib.pofile(str(path))
        if len(entry.msgid.split()) >= 2 and "%" not in entry.msgid and entry.msgstr != entry.msgid
    ]


def english_left(client, language):
    """{page: English interface strings on it} with the interface in `language`."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    english = english_strings("ru")
    left = {}
    for url in PAGES:
        html = client.get(url).content.decode()
        assert f'<html lang="{language}">' in html, url
        text = interface_text(html)
        found = [msgid for msgid in english if msgid in text]
        if found:
            left[url] = found
    return left


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_russian_and_kazakh_pages_keep_no_english_interface_string(client, bundled_law, language):
    assert english_left(client, language) == {}


def test_the_check_for_english_strings_finds_them_in_the_english_interface(client, bundled_law):
    found = {msgid for strings in english_left(client, "en").values() for msgid in strings}
    assert len(found) >= 25


def test_a_comparisons_words_follow_the_interface_language_page_after_page(client, bundled_law):
    """Comparisons and notes translate their fixed words once per interface language, not once per provision: read
    in English, in Russian and in English again, each page has its own language's badges and kinds of note."""
    for memo in (redline_words, unchanged_summary, note_words, written_for, kind_names):
        memo.cache_clear()

    def words(language):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        html = client.get(f"{LAW}/compare/2010-06-02/to/2014-04-18/").content.decode()
        badges = re.findall(r'<p class="change-badge">\s*([^<(]+?)\s*(?:\(|</p>)', html)
        return set(badges) | set(re.findall(r'<p class="note-kind">([^<]+)', html))

    english = words("en")
    assert {"Changed", "Inserted", "Amendment note"} <= english
    assert {"Изменено", "Добавлено", "Сноска"} <= words("ru")
    assert words("en") == english
