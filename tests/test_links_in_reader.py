"""The law's own links on the reader's pages: references, defined terms, what cites a provision, and editors'
corrections — stored with each edition, so pages cost the queries they did without them."""

import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from lawreader.store.models import LinkCorrection, Provision, Revision
from tests.builders import import_text, make_law
from tests.test_reader_pages import count_queries

BASE = "/laws/foreign-intelligence"

RUSSIAN_LAW = """# О проверке

Настоящий Закон написан для тестов.

## Глава 1. Общие положения

### Статья 1. Основные понятия, используемые в настоящем Законе

В настоящем Законе используются следующие основные понятия:

1) служебная тайна – сведения, доступ к которым ограничен;

2) проверяющий орган – орган, который проверяет.

### Статья 2. Проверка

1. Проверяющий орган охраняет служебную тайну в порядке, предусмотренном статьей 3 настоящего Закона.

2. Требования пункта 1 настоящей статьи применяются с учетом статьи 44 Конституции и статьи 7 настоящего Закона.

### Статья 3. Порядок

Порядок определяется подпунктом 2) статьи 1 настоящего Закона.
"""


def anchors(html, css_class):
    """(text, href) of the links of a class on a page."""
    return re.findall(rf'<a class="{css_class}" href="([^"]+)"[^>]*>([^<]+)</a>', html)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_reference_opens_the_provision_in_the_edition_being_read(client, bundled_law):
    for date in ("2010-06-02", "2014-04-18"):
        html = page(client, f"{BASE}/on/{date}/art_2/")
        assert (f"{BASE}/on/{date}/art_6/#art_6__subpara_2", "item 2) of Article 6") in anchors(html, "reference")


def test_a_defined_term_links_to_its_definition_with_the_definition_for_its_popover(client, bundled_law):
    html = page(client, f"{BASE}/on/2014-04-18/art_4/")
    term_links = re.findall(r'<a class="defined-term" href="([^"]+)" aria-describedby="([^"]+)">([^<]+)</a>', html)
    assert (
        f"{BASE}/on/2014-04-18/art_1/#art_1__subpara_1",
        "definition-art_1__subpara_1",
        "intelligence information",
    ) in term_links
    definition = re.search(r'<div class="definition" id="definition-art_1__subpara_1">([^<]+)</div>', html)
    assert definition and definition.group(1).startswith("intelligence information – information obtained")


def test_a_term_is_linked_at_its_first_use_in_a_provision_only(client, bundled_law):
    html = page(client, f"{BASE}/on/2024-01-05/art_9/")
    item_1 = html[html.index('id="art_9__subpara_1"') : html.index('id="art_9__subpara_2"')]
    assert (
        item_1.count('class="defined-term"') <= item_1.count("intelligence")
        and item_1.count('class="defined-term"') == 1
    )


def test_an_articles_page_lists_what_refers_to_it(client, bundled_law):
    html = page(client, f"{BASE}/on/2014-04-18/art_6/")
    cited_by = html[html.index('class="cited-by"') :]
    assert f'href="{BASE}/on/2014-04-18/art_2/#art_2__para_1__subpara_2"' in cited_by
    assert "— on item 2<" in cited_by


def test_history_shows_when_a_reference_to_the_provision_appeared(client, bundled_law):
    html = page(client, f"{BASE}/history/art_8/")
    entries = html.split('<li class="history-entry')[1:]
    edition_2014 = next(entry for entry in entries if "18 April 2014" in entry)
    assert "Article 9-1" in edition_2014 and "new in this edition" in edition_2014
    edition_2010 = next(entry for entry in entries if "2 June 2010" in entry)
    assert "Article 9-1" not in edition_2010


def test_a_russian_edition_links_references_and_inflected_terms(client, db):
    law = make_law(slug="proverka", title="О проверке", language="ru")
    import_text(law, RUSSIAN_LAW, language="ru")
    html = page(client, "/laws/proverka/on/2020-01-01/art_2/")
    assert ("/laws/proverka/on/2020-01-01/art_3/", "статьей 3") in anchors(html, "reference")
    assert ("/laws/proverka/on/2020-01-01/art_2/#art_2__para_1", "пункта 1") in anchors(html, "reference")
    terms = [text for _href, text in anchors(html, "defined-term")]
    assert "Проверяющий орган" in terms and "служебную тайну" in terms
    # Another act's article is marked, not linked; an article this edition lacks is shown as printed.
    assert '<span class="reference reference--external"' in html and ">статьи 44</span>" in html
    assert '<span class="reference reference--missing"' in html and ">статьи 7</span>" in html


def test_staff_see_references_to_provisions_an_edition_lacks(client, db):
    law = make_law(slug="proverka", title="О проверке", language="ru")
    revision = import_text(law, RUSSIAN_LAW, language="ru")
    client.force_login(User.objects.create_superuser("boss", password="x-pw-12345"))
    html = page(client, f"/admin/store/revision/{revision.pk}/change/")
    assert "art_2__para_2: “статьи 7” → art_7" in html


def test_links_cost_no_queries(client, db):
    linked, plain = make_law(slug="linked", language="ru"), make_law(slug="plain", language="ru")
    import_text(linked, RUSSIAN_LAW, language="ru")
    unlinked = re.sub(r"стать\w+ \d+|пункта 1|подпунктом 2\)", "этим порядком", RUSSIAN_LAW)
    unlinked = unlinked.replace("Основные понятия", "Сведения").replace(
        "используются следующие основные понятия", "сказано"
    )
    import_text(plain, unlinked, language="ru")
    assert Provision.objects.filter(revision__law=linked).exclude(links=[]).exists()
    assert not Provision.objects.filter(revision__law=plain).exclude(links=[]).exists()
    for suffix in ["on/2020-01-01/art_2/", "on/2020-01-01/"]:
        assert count_queries(client, f"/laws/linked/{suffix}") == count_queries(client, f"/laws/plain/{suffix}")


@pytest.fixture
def editor_client(client, db):
    client.force_login(User.objects.create_superuser("editor", password="x-pw-12345"))
    return client


def correct(editor_client, revision, **fields):
    data = {"revision": revision.pk, "reason": "", "target_eid": "", **fields}
    response = editor_client.post("/admin/store/linkcorrection/add/", data)
    assert response.status_code == 302, re.findall(
        r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode()
    )


def test_an_editor_removes_a_wrong_link_and_adds_a_missed_one(editor_client, client, db):
    law = make_law(slug="proverka", title="О проверке", language="ru")
    revision = import_text(law, RUSSIAN_LAW, language="ru")
    correct(editor_client, revision, eid="Статья 2 пункт 1", action="suppress", phrase="статьей 3")
    correct(editor_client, revision, eid="art_3", action="add", phrase="Порядок", target_eid="ст. 2 п. 1")
    client.logout()
    assert "статьей 3" not in [
        text for _h, text in anchors(page(client, "/laws/proverka/on/2020-01-01/art_2/"), "reference")
    ]
    assert ("/laws/proverka/on/2020-01-01/art_2/#art_2__para_1", "Порядок") in anchors(
        page(client, "/laws/proverka/on/2020-01-01/art_3/"), "reference"
    )
    # A re-import of the same wording keeps the corrections; new wording of a provision drops its own.
    import_text(
        law, RUSSIAN_LAW.replace("Порядок определяется", "Порядок теперь определяется"), language="ru", replace=True
    )
    links = dict(Provision.objects.filter(revision=revision).values_list("eid", "links"))
    assert not any(kind == "ref" and target == "art_3" for _s, _e, kind, target in links["art_2__para_1"])
    assert not any(target == "art_2__para_1" and kind == "ref" for _s, _e, kind, target in links["art_3"])


def test_the_correction_form_refuses_a_phrase_the_text_lacks(editor_client, db):
    law = make_law(slug="proverka", title="О проверке", language="ru")
    revision = import_text(law, RUSSIAN_LAW, language="ru")
    response = editor_client.post(
        "/admin/store/linkcorrection/add/",
        {"revision": revision.pk, "eid": "art_3", "action": "add", "phrase": "нет такого", "target_eid": "art_99"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "has no such phrase" in html and "has no provision art_99" in html
    assert not LinkCorrection.objects.exists()


def test_loading_the_bundled_laws_links_editions_an_older_finder_linked(bundled_law):
    Revision.objects.filter(law=bundled_law).update(linked_with=0)
    Provision.objects.filter(revision__law=bundled_law).update(links=[], cited_by=[])
    call_command("load_bundled_laws", stdout=io.StringIO())
    article_2 = Provision.objects.get(
        revision__law=bundled_law, revision__valid_from="2014-04-18", eid="art_2__para_1__subpara_2"
    )
    assert [link[2:] for link in article_2.links] == [["ref", "art_6__subpara_2"]]
