"""Other acts a law's text names: found in three languages, keyed so the library's laws are found by them, and
linked once the library holds them."""

import pytest

from lawreader.acts_cited import acts_cited, title_key
from lawreader.store.models import Provision, Revision
from tests.builders import import_text, make_law
from tests.test_links_in_reader import anchors, page


@pytest.mark.parametrize(
    ("language", "text", "phrase", "key"),
    [
        (
            "ru",
            "в соответствии с Законом Республики Казахстан от 6 января 2011 года № 379-ІV «О контроле», а также",
            "Законом Республики Казахстан от 6 января 2011 года № 379-ІV «О контроле»",
            "act:379-IV",
        ),
        (
            "ru",
            "внести в Закон Республики Казахстан «О зерне»:",
            "Закон Республики Казахстан «О зерне»",
            "title:зерн о",
        ),
        (
            "ru",
            "статьи 44 Кодекса Республики Казахстан об административных правонарушениях.",
            "Кодекса Республики Казахстан об административных правонарушениях",
            title_key("Кодекс Республики Казахстан об административных правонарушениях", "ru"),
        ),
        (
            "ru",
            "в порядке Гражданского кодекса Республики Казахстан.",
            "Гражданского кодекса Республики Казахстан",
            title_key("Гражданский кодекс Республики Казахстан", "ru"),
        ),
        (
            "kk",
            "Қазақстан Республикасының 2011 жылғы 6 қаңтардағы № 379-IV Заңы",
            "Қазақстан Республикасының 2011 жылғы 6 қаңтардағы № 379-IV Заңы",
            "act:379-IV",
        ),
        (
            "kk",
            "Қазақстан Республикасының Әкімшілік құқық бұзушылық туралы кодексінің 44-бабы",
            "Қазақстан Республикасының Әкімшілік құқық бұзушылық туралы кодексінің",
            title_key("Қазақстан Республикасының Әкімшілік құқық бұзушылық туралы кодексі", "kk"),
        ),
        (
            "en",
            "the Law of the Republic of Kazakhstan No. 379-IV of 6 January 2011 applies",
            "Law of the Republic of Kazakhstan No. 379-IV of 6 January 2011",
            "act:379-IV",
        ),
    ],
)
def test_an_act_named_in_the_text_is_keyed_as_the_library_keys_it(language, text, phrase, key):
    [act] = acts_cited(text, language)
    assert (text[act.start : act.end], act.key) == (phrase, key)


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "the Code of the Republic of Kazakhstan applies"), ("ru", "законодательством Республики Казахстан")],
)
def test_an_act_that_is_not_identified_is_not_keyed(language, text):
    assert acts_cited(text, language) == []


CITING = """# О проверке

## Статья 1. Основания

1. Проверка проводится по статье 44 Конституции Республики Казахстан.

2. Порядок определяется Законом Республики Казахстан от 1 января 2019 года № 5-VI «О порядке».
"""

CONSTITUTION = """# Конституция Республики Казахстан

## Статья 44. Полномочия

Текст статьи, написанный для теста.
"""


def test_acts_are_linked_once_the_library_holds_them(client, db):
    citing = make_law(slug="proverka", title="О проверке", language="ru")
    revision = import_text(citing, CITING, language="ru")
    html = page(client, "/laws/proverka/on/2020-01-01/art_1/")
    assert (
        '<span class="reference reference--external" title="Another act, not in this library">статье 44</span>' in html
    )
    assert Revision.objects.get(pk=revision.pk).cited_acts.splitlines() == ["act:5-VI", "title:конституц"]

    constitution = make_law(slug="konstitucia", title="Конституция Республики Казахстан", number="", language="ru")
    import_text(constitution, CONSTITUTION, valid_from="1995-08-30", language="ru")
    html = page(client, "/laws/proverka/on/2020-01-01/art_1/")
    assert ("/laws/konstitucia/on/2020-01-01/art_44/", "статье 44") in anchors(html, "reference reference--act")
    assert ("/laws/konstitucia/", "Конституции Республики Казахстан") in anchors(html, "reference reference--act")
    assert Revision.objects.get(pk=revision.pk).cited_acts.splitlines() == ["act:5-VI"]

    other = make_law(slug="poryadok", title="О порядке", number="No. 5-VI", language="ru")
    import_text(other, "# О порядке\n\n## Статья 1. Порядок\n\nТекст для теста.\n", language="ru")
    links = Provision.objects.get(revision=revision, eid="art_1__para_2").links
    assert [link[2:] for link in links] == [["act", "poryadok"]]
    # The cited law's own page is where the link leads, and it answers.
    assert client.get("/laws/konstitucia/on/2020-01-01/art_44/").status_code == 200
