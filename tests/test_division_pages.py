"""Pages of a code with sections, chapters, paragraphs (§) and an attached document: every division has its page,
its heading and its place in the contents."""

import re

import pytest

from tests.builders import import_text, make_law

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_store")]

CODE = """# Кодекс о проверке

Раздел 1. Общая часть

Глава 1. Основные положения

Статья 1. Цели

1. Кодекс устанавливает порядок.

Раздел II. Особенная часть

Глава 2. Проверки

Параграф 1. Плановые проверки

Статья 2. Сроки

Проверка длится месяц.

Президент Республики Казахстан

# Соглашение о сотрудничестве

## Статья 1

Стороны сотрудничают.
"""


@pytest.fixture
def code():
    law = make_law(slug="code", language="ru")
    import_text(law, CODE, "2020-01-01", language="ru")
    return law


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_contents_nest_sections_chapters_paragraphs_articles_and_the_attachment(client, code):
    page = text_of(client.get("/laws/code/on/2020-01-01/contents/"))
    expected = [
        "Section 1. Общая часть",
        "Chapter 1. Основные положения",
        "1. Цели",
        "Section II. Особенная часть",
        "Chapter 2. Проверки",
        "§ 1. Плановые проверки",
        "2. Сроки",
        "Attachment 1. Соглашение о сотрудничестве",
        "Article 1",
    ]
    positions = [page.index(entry) for entry in expected]
    assert positions == sorted(positions)


def test_every_division_has_a_page_with_its_heading(client, code):
    # Headings are the law's text: labelled in its language ("Раздел II", "Статья 1"), whatever the interface's.
    for eid, heading in [
        ("sec_2", "Раздел II. Особенная часть"),
        ("chp_2__subchp_1", "Параграф 1. Плановые проверки"),
        ("att_1", "Соглашение о сотрудничестве"),
        ("att_1__art_1", "Статья 1."),
    ]:
        response = client.get(f"/laws/code/on/2020-01-01/{eid}/")
        assert response.status_code == 200, eid
        assert "<h1 " in response.content.decode()
        assert heading in text_of(response), eid


def test_the_whole_edition_lists_units_not_parts_in_its_contents(client, code):
    page = client.get("/laws/code/on/2020-01-01/").content.decode()
    start = page.index('class="toc-list"')
    contents = page[start : page.index("</nav>", start)]
    assert 'href="#art_1"' in contents
    assert 'href="#art_1__para_1"' not in contents
    assert "Президент Республики Казахстан" in page  # the signature, shown apart from the text
