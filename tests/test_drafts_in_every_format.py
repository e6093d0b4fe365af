"""A draft note and an unpublished edition, walked through every format the law is published in: pages, the
API, Akoma Ntoso, feeds, structured data, the sitemap, Web Annotations, the PDF and the library export. Neither
may show anywhere."""

import io
import json

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from tests.builders import import_text, make_law, note_on, statute_text

DRAFT_WORD = "Zyxquokka"  # only in the draft note
HIDDEN_WORD = "Xylophonist"  # only in the unpublished edition
HIDDEN_DATE = "2025-06-01"
LAW = "/laws/walked"


@pytest.fixture
def walked_law(db):
    law = make_law(slug="walked", title="Law on Walking Through Formats")
    import_text(law, statute_text(chapters=1, articles_per_chapter=2, parts=1, items=2))
    hidden = statute_text(chapters=1, articles_per_chapter=2, parts=1, items=2).replace("item 1", HIDDEN_WORD)
    import_text(law, hidden, valid_from=HIDDEN_DATE, published=False)
    note_on(law, "2020-01-01", "art_1", title=f"{DRAFT_WORD} title", body=f"{DRAFT_WORD} body.", status="draft")
    note_on(law, "2020-01-01", "art_1", title="A published note", body="Published words.")
    return law


def pdf_text(content):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


URLS = [
    # pages
    f"{LAW}/",
    f"{LAW}/on/2026-01-01/",
    f"{LAW}/on/2026-01-01/art_1/",
    f"{LAW}/on/2026-01-01/contents/",
    f"{LAW}/compare/2020-01-01/to/2026-01-01/",
    f"{LAW}/history/art_1/",
    f"{LAW}/amendments/",
    # the API
    "/api/v1/laws",
    "/api/v1/laws/walked",
    "/api/v1/laws/walked/editions",
    "/api/v1/laws/walked/on/2026-01-01",
    "/api/v1/laws/walked/on/2026-01-01/text",
    "/api/v1/laws/walked/on/2026-01-01/provisions?page_size=5000",
    "/api/v1/laws/walked/on/2026-01-01/notes",
    "/api/v1/laws/walked/compare/2020-01-01/2026-01-01?unchanged=true",
    "/api/v1/laws/walked/history/art_1",
    "/api/v1/laws/walked/acts",
    # Akoma Ntoso, feeds, annotations, sitemap
    "/akn/kz/act/2020-01-01/1-T/eng",
    "/akn/kz/act/2020-01-01/1-T/eng@2020-01-01?notes=1",
    f"{LAW}/changes.atom",
    f"{LAW}/history/art_1/changes.atom",
    "/notes.atom",
    f"{LAW}/annotations.jsonld",
    f"{LAW}/on/2026-01-01/annotations.jsonld",
    "/sitemap-editions.xml",
    "/sitemap-provisions.xml",
    "/sitemap-contents.xml",
]


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return pdf_text(content)
    return content.decode()


@pytest.mark.parametrize("url", URLS)
def test_no_format_shows_a_draft_or_an_unpublished_edition(client, walked_law, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    text = body(response)
    assert DRAFT_WORD not in text
    assert HIDDEN_WORD not in text
    assert HIDDEN_DATE not in text
    assert "2025-06" not in text


@pytest.mark.parametrize("word", [DRAFT_WORD, HIDDEN_WORD])
def test_search_finds_neither(client, walked_law, word):
    """The search echoes the query; what it must not do is find it."""
    for url in [f"/search/?q={word}", f"/search/?q={word}&edition=all"]:
        page = client.get(url).content.decode()
        assert f"{LAW}/on/" not in page, url
    for url in [f"/api/v1/search?q={word}", f"/api/v1/search?q={word}&edition=all"]:
        assert client.get(url).json()["total"] == 0, url
    assert client.get("/api/v1/search?q=Published+words").json()["total"] > 0, "the published note is found"
    assert client.get("/api/v1/search?q=provides&edition=all").json()["total"] > 0, "the published text is found"


def test_the_pdf_shows_neither(client, walked_law):
    response = client.get(f"{LAW}/on/2026-01-01/edition.pdf", follow=True)
    text = pdf_text(response.content)
    assert "Published words" in text
    assert DRAFT_WORD not in text and HIDDEN_WORD not in text


def test_the_unpublished_edition_has_no_address_in_any_format(client, walked_law):
    for url in [
        f"{LAW}/on/{HIDDEN_DATE}/edition.pdf",
        f"/akn/kz/act/2020-01-01/1-T/eng@{HIDDEN_DATE}",
        f"{LAW}/on/{HIDDEN_DATE}/annotations.jsonld",
    ]:
        response = client.get(url, follow=True)
        assert response.status_code == 404 or HIDDEN_WORD not in body(response), url


def test_the_library_export_holds_neither(walked_law, tmp_path):
    call_command("export_library", str(tmp_path), "--law", "walked", "--notes", stdout=io.StringIO())
    written = " ".join(path.read_text() for path in tmp_path.rglob("*") if path.is_file())
    assert "Published words" in written
    assert DRAFT_WORD not in written and HIDDEN_WORD not in written and HIDDEN_DATE not in written
    index = json.loads((tmp_path / "index.json").read_text())
    assert [entry["valid_from"] for entry in index] == ["2020-01-01"]


def test_the_annotation_export_holds_no_draft(walked_law, tmp_path):
    output = tmp_path / "notes.jsonld"
    call_command("export_annotations", "--law", "walked", str(output), stdout=io.StringIO())
    written = output.read_text()
    assert "Published words" in written and DRAFT_WORD not in written
