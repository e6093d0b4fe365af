"""Each edition as PDF: every article, the notice on the first page, footnotes after their provisions, published
notes only, Cyrillic that reads back, and one rendering per version of the law."""

import io
import re
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pypdf import PdfReader

from lawreader import vocabulary
from lawreader.annotate.rendering import plain_text
from lawreader.annotate.visibility import notes_shown_in
from lawreader.opendata import pdf
from lawreader.store.models import Provision, Revision
from lawreader.store.models.annotations import AnnotationKind
from tests.builders import import_text, make_law, note_on, statute_text

pytestmark = pytest.mark.django_db
LAW = "/laws/foreign-intelligence"
PDF_2024 = f"{LAW}/on/2024-01-05/edition.pdf"


def words(text):
    """Text with its line breaks and runs of spaces as single spaces: how lines fall on a page is not the test."""
    return " ".join(text.split())


def pages_of(content):
    return [words(page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture(scope="module")
def bundled_pdf(django_db_setup, django_db_blocker):
    """The bundled law's 2024 edition, rendered once for the module (a whole law takes seconds): the response and
    its pages' text. The bundled law is loaded for the whole run; nothing here writes."""
    with django_db_blocker.unblock():
        response = Client().get(PDF_2024)
    return response, pages_of(response.content)


def test_the_pdf_is_sent_with_a_filename_of_law_date_and_language(bundled_pdf):
    response, _pages = bundled_pdf
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="foreign-intelligence-2024-01-05-en.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_every_article_of_the_edition_is_in_the_pdf(bundled_pdf, bundled_law):
    _response, pages = bundled_pdf
    text = " ".join(pages)
    edition = Revision.objects.get(law=bundled_law, language="en", valid_from="2024-01-05")
    articles = Provision.objects.of_revision(edition).articles()
    headings = [words(f"{vocabulary.label(a.kind, a.number)}. {a.heading}") for a in articles]
    assert len(headings) > 20
    assert [heading for heading in headings if heading not in text] == []


def test_the_first_page_has_the_edition_header_and_the_translation_notice(bundled_pdf, bundled_law):
    _response, pages = bundled_pdf
    edition = Revision.objects.get(law=bundled_law, language="en", valid_from="2024-01-05")
    assert words(edition.source_note) in pages[0]
    assert "No. 277-IV" in pages[0]
    assert "Revised edition in force from 5 January 2024" in pages[0]
    assert "In force from 5 January 2024." in pages[0]


def test_pages_are_numbered_and_headed_with_the_law_from_the_pdf_stylesheet(bundled_pdf):
    _response, pages = bundled_pdf
    assert pages[1].endswith(f"On Foreign Intelligence 2 / {len(pages)}")  # the page's margin boxes come last


def test_footnotes_follow_their_article(bundled_pdf, bundled_law):
    _response, pages = bundled_pdf
    text = " ".join(pages)
    edition = Revision.objects.get(law=bundled_law, language="en", valid_from="2024-01-05")
    headings = {
        a.eid: text.index(words(f"{vocabulary.label(a.kind, a.number)}. {a.heading}"))
        for a in Provision.objects.of_revision(edition).articles()
    }
    starts = sorted(headings.values())
    footnotes = notes_shown_in(edition, None).filter(kind=AnnotationKind.AMENDMENT, target_eid__startswith="art_")
    assert footnotes.count() > 5
    for footnote in footnotes:
        article_starts = headings[vocabulary.article_of(footnote.target_eid)]
        next_article = next((start for start in starts if start > article_starts), len(text))
        assert article_starts < text.index(words(plain_text(footnote.body))[:60]) < next_article, footnote.target_eid


@pytest.fixture
def small_law(db):
    law = make_law(slug="small-law")
    import_text(law, statute_text(chapters=1, articles_per_chapter=2, parts=1, items=1), valid_from="2020-01-01")
    return law


def test_published_notes_are_printed_and_drafts_never_even_for_staff(client, small_law):
    note_on(small_law, "2020-01-01", "art_1", title="Printed", body="Zanzibar published words.")
    note_on(small_law, "2020-01-01", "art_2", title="Kept back", body="Quixotic draft words.", status="draft")
    client.force_login(User.objects.create_user("editor", password="x-pw-12345", is_staff=True, is_superuser=True))
    text = " ".join(pages_of(client.get("/laws/small-law/on/2020-01-01/edition.pdf").content))
    assert "Zanzibar published words." in text
    assert "Quixotic" not in text and "Kept back" not in text
    assert "Edit" not in text.split()


RUSSIAN = """# О проверке печати

## Глава 1. ОБЩИЕ ПОЛОЖЕНИЯ

### Статья 1. Съешь же ещё этих мягких французских булок

1. Текст для проверки: съешь же ещё этих мягких французских булок, да выпей чаю.
"""
KAZAKH = """# Басып шығаруды тексеру туралы

## 1-тарау. ЖАЛПЫ ЕРЕЖЕЛЕР

### 1-бап. Әріптер

1. Қазақ әріптері: ә, ғ, қ, ң, ө, ұ, ү, һ, і — бәрі оқылады.
"""


@pytest.mark.parametrize(("language", "text"), [("ru", RUSSIAN), ("kk", KAZAKH)])
def test_russian_and_kazakh_letters_read_back_from_the_pdf(client, language, text):
    law = make_law(slug=f"letters-{language}", title="Letters", language=language)
    import_text(law, text, valid_from="2021-01-01", language=language)
    response = client.get(f"/laws/{law.slug}/on/2021-01-01/edition.pdf")
    printed = " ".join(pages_of(response.content))
    for line in text.splitlines():
        wording = re.sub(r"^#+ ", "", line)
        assert not wording or words(wording) in printed, wording


def test_a_second_request_is_served_from_the_cache_until_the_law_changes(client, small_law, monkeypatch):
    renderings = []
    render = pdf.render_pdf
    monkeypatch.setattr(pdf, "render_pdf", lambda *args: renderings.append(1) or render(*args))
    url = "/laws/small-law/on/2020-01-01/edition.pdf"
    first = client.get(url).content
    assert client.get(url).content == first and len(renderings) == 1
    note_on(small_law, "2020-01-01", "art_1", body="A new published note.")
    assert "A new published note." in " ".join(pages_of(client.get(url).content))
    assert len(renderings) == 2


def test_any_date_leads_to_the_pdf_of_the_edition_in_force_then(client, bundled_law):
    response = client.get(f"{LAW}/on/2025-06-01/edition.pdf?lang=en&v=1")
    assert response.status_code == 302 and response["Location"] == PDF_2024
    assert client.get(f"{LAW}/on/2024-01-05/edition.pdf?lang=ru").status_code == 404


def test_an_unpublished_edition_has_no_pdf(client, small_law):
    Revision.objects.filter(law=small_law).update(published=False)
    response = client.get("/laws/small-law/on/2020-01-01/edition.pdf")
    assert response.status_code == 404
    assert "no published edition" in response.content.decode()


def test_the_edition_page_offers_its_pdf(client, bundled_law):
    page = client.get(f"{LAW}/on/2025-06-01/").content.decode()
    assert f'href="{PDF_2024}" type="application/pdf" download' in page


def test_without_pango_the_site_still_serves_and_the_pdf_says_why(client, small_law, monkeypatch):
    def missing():
        raise pdf.PdfUnavailable("WeasyPrint cannot load Pango (no libpango); `make pdf-libraries` installs it.")

    monkeypatch.setattr(pdf, "weasyprint", missing)
    response = client.get(f"/laws/{small_law.slug}/on/2020-01-01/edition.pdf")
    assert response.status_code == 503
    assert b"make pdf-libraries" in response.content
    assert client.get(f"/laws/{small_law.slug}/on/2020-01-01/").status_code == 200


def test_weasyprint_is_imported_only_when_a_pdf_is_asked_for():
    """WeasyPrint loads Pango as it is imported: nothing the site imports at start may import it."""
    code = (
        "import django, sys; django.setup(); import lawreader.urls; "
        "sys.exit(1 if any(name.startswith('weasyprint') for name in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
