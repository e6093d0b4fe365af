"""Amending acts as data: footnotes read into acts and effects in Russian, Kazakh and our English; the amendments
pages; the law in time (changes an edition shown does not include yet); a provision's history lists its acts."""

import datetime
import io

import pytest
from django.core.management import call_command

from lawreader.citations import parse_citation, parse_dated_citation
from lawreader.ingest.footnotes import (
    AMENDED,
    DAYS_AFTER_PUBLICATION,
    EXCLUDED,
    INSERTED,
    MONTHS_AFTER_PUBLICATION,
    ON_DATE,
    ON_PUBLICATION,
    RESTATED,
    entry_into_force,
    read_footnote,
)
from lawreader.ingest.importer import import_statute
from lawreader.ingest.parser import parse_statute
from lawreader.store.models import AmendingAct, Effect, LawVersion, Revision
from tests.builders import import_text, make_law

D = datetime.date


def summary(text):
    return [
        (e.act.number, e.act.adopted, e.action, e.target_eid, e.act.entry_into_force.rule) for e in read_footnote(text)
    ]


def test_russian_footnote_with_two_acts_and_their_rules():
    text = (
        "Статья 5 с изменениями, внесенными законами РК от 01.02.2012 № 11-IV (вводится в действие по истечении "
        "десяти календарных дней после его первого официального опубликования); от 03.11.2015 № 22-V (вводится в "
        "действие с 01.01.2016)."
    )
    assert summary(text) == [
        ("11-IV", D(2012, 2, 1), AMENDED, "", DAYS_AFTER_PUBLICATION),
        ("22-V", D(2015, 11, 3), AMENDED, "", ON_DATE),
    ]
    assert read_footnote(text)[1].act.entry_into_force.date == D(2016, 1, 1)


def test_russian_insertion_then_restatement_of_the_inserted_article():
    text = (
        "Глава 2 дополнена статьей 7-1 в соответствии с Законом РК от 05.03.2012 № 33-IV (вводится в действие со дня "
        "его первого официального опубликования); в редакции Закона РК от 06.04.2014 № 44-V."
    )
    assert summary(text) == [
        ("33-IV", D(2012, 3, 5), INSERTED, "art_7-1", ON_PUBLICATION),
        ("44-V", D(2014, 4, 6), RESTATED, "art_7-1", ""),
    ]


def test_kazakh_footnote_names_the_action_before_its_acts():
    text = (
        "5-бапқа өзгерістер енгізілді - ҚР 2012.02.01 № 11-IV (алғашқы ресми жарияланған күнінен кейін күнтізбелік "
        "он күн өткен соң қолданысқа енгізіледі), 03.11.2015 № 22-V (01.01.2016 бастап қолданысқа енгізіледі) Заңдарымен."
    )
    assert summary(text) == [
        ("11-IV", D(2012, 2, 1), AMENDED, "", DAYS_AFTER_PUBLICATION),
        ("22-V", D(2015, 11, 3), AMENDED, "", ON_DATE),
    ]
    assert read_footnote(text)[0].act.entry_into_force.period == 10


def test_kazakh_insertion_and_exclusion():
    assert summary("2-тарау 7-1-баппен толықтырылды - ҚР 2012.03.05 № 33-IV Заңымен.")[0][2:4] == (INSERTED, "art_7-1")
    assert summary("8-бап алып тасталды - ҚР 2013.01.16 № 55-V Заңымен.")[0][2] == EXCLUDED


def test_our_english_footnotes():
    text = (
        "Article 5 as restated by Law of the Republic of Kazakhstan No. 11-IV of 1 February 2012 (shall enter into "
        "force upon the expiry of two months after the day of its first official publication); as amended by Law No. "
        "22-V of 3 November 2015 (shall enter into force on 1 January 2016)."
    )
    effects = read_footnote(text)
    assert [(e.act.number, e.action) for e in effects] == [("11-IV", RESTATED), ("22-V", AMENDED)]
    assert effects[0].act.entry_into_force.rule == MONTHS_AFTER_PUBLICATION
    assert effects[0].act.entry_into_force.period == 2
    assert effects[1].act.entry_into_force.date == D(2016, 1, 1)


def test_old_acts_cited_by_date_alone_and_look_alike_letters():
    assert summary(
        "Утpатил силу Указом Пpезидента РК от 18.07.1995 № 2367 (вступает в силу со дня опубликования)."
    ) == [("2367", D(1995, 7, 18), EXCLUDED, "", ON_PUBLICATION)]
    assert summary("Статья 3 - с изменениями, внесенными Законом от 21 октября 1993 года.") == [
        ("", D(1993, 10, 21), AMENDED, "", "")
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (
            "вводится в действие по истечении двадцати одного календарного дня после дня его первого официального опубликования",
            (DAYS_AFTER_PUBLICATION, 21),
        ),
        (
            "shall enter into force upon the expiry of twenty-one calendar days after the day of its first official publication",
            (DAYS_AFTER_PUBLICATION, 21),
        ),
        (
            "алғашқы ресми жарияланған күнінен кейін екі ай өткен соң қолданысқа енгізіледі",
            (MONTHS_AFTER_PUBLICATION, 2),
        ),
        ("порядок введения в действие см. ст.2", ("", 0)),
    ],
)
def test_entry_into_force_rules(rule, expected):
    found = entry_into_force(rule)
    assert (found.rule, found.period) == expected


def test_a_footnote_that_names_no_act_is_not_read():
    assert read_footnote("[Editorial reconstruction:] the footnote has not been recovered.") == []


# --- the official texts -------------------------------------------------------------------------------------------


def footnotes_of(path, language):
    statute = parse_statute(path.read_text(encoding="utf-8"), language)
    return [(node.eid, note) for node in statute.root.walk() for note in node.notes if note.kind == "footnote"]


def test_the_official_2014_text_states_law_553_iv_and_its_effects(corpus):
    effects = {}
    for eid, note in footnotes_of(corpus / "rus-2014.md", "ru"):
        for effect in read_footnote(note.text):
            effects.setdefault(effect.act.number, set()).add((effect.target_eid or eid, effect.action))
    assert effects["553-IV"] == {
        *{(f"art_{n}", AMENDED) for n in (2, 7, 8, 9)},
        *{(f"art_{n}", RESTATED) for n in (13, 14, 15, 16, 17)},
        *{(f"art_16-{n}", INSERTED) for n in (1, 2, 3)},
    }


@pytest.mark.parametrize("name", ["rus-2014.md", "kaz-2018.md", "rus-2010-original.md", "kaz-2010-original.md"])
def test_every_footnote_of_the_official_texts_names_its_acts(corpus, name):
    unread = [
        note.text
        for _, note in footnotes_of(corpus / name, "kk" if name.startswith("kaz") else "ru")
        if not read_footnote(note.text)
    ]
    assert unread == []


def test_the_kazakh_2018_text_dates_law_419_v_from_1_january_2016(corpus):
    dates = {
        effect.act.number: effect.act.entry_into_force.date
        for _, note in footnotes_of(corpus / "kaz-2018.md", "kk")
        for effect in read_footnote(note.text)
    }
    assert dates["419-V"] == D(2016, 1, 1)


# --- the store and the pages --------------------------------------------------------------------------------------

LAW = "/laws/foreign-intelligence"


@pytest.mark.django_db
def test_the_bundled_law_records_its_acts_and_effects(bundled_law):
    act = AmendingAct.objects.get(law=bundled_law, number="553-IV")
    assert act.adopted_on == D(2012, 2, 13)
    assert {(e.target_eid, e.action) for e in act.effects.all()} >= {("art_13", RESTATED), ("art_16-1", INSERTED)}
    assert AmendingAct.objects.get(law=bundled_law, number="419-V").in_force_on == D(2016, 1, 1)
    assert Effect.objects.get(act__number="419-V", target_eid="art_9").first_stated_in.valid_from == D(2018, 7, 13)


@pytest.mark.django_db
def test_a_date_between_editions_warns_of_the_acts_the_edition_shown_does_not_include(client, bundled_law):
    article_9 = client.get(f"{LAW}/on/2016-06-01/art_9/").content.decode()
    article_6 = client.get(f"{LAW}/on/2016-06-01/art_6/").content.decode()
    article_5 = client.get(f"{LAW}/on/2016-06-01/art_5/").content.decode()
    assert "Changes not yet shown in this edition" in article_9
    assert "Law No. 419-V of 24 November 2015" in article_9 and "in force from 1 January 2016" in article_9
    assert "Law No. 244-V of 3 November 2014" in article_6
    assert "the date of publication is not recorded here" in article_6
    assert "Changes not yet shown" not in article_5


@pytest.mark.django_db
def test_no_warning_before_an_act_came_into_force_or_in_the_latest_edition(client, bundled_law):
    assert "Changes not yet shown" not in client.get(f"{LAW}/on/2015-06-01/art_9/").content.decode()  # 419-V: 2016
    assert "Changes not yet shown" not in client.get(f"{LAW}/on/2024-02-01/art_9/").content.decode()


@pytest.mark.django_db
def test_the_whole_edition_lists_every_change_it_does_not_include(client, bundled_law):
    page = client.get(f"{LAW}/on/2016-06-01/").content.decode()
    assert page.count("<li>Article") >= 4  # 16-1 (227-V), 6 (244-V), 8 and 9 (419-V)
    assert "Every act that amended this law" in page


@pytest.mark.django_db
def test_the_amendments_page_and_an_act_s_page(client, bundled_law):
    page = client.get(f"{LAW}/amendments/").content.decode()
    act = AmendingAct.objects.get(law=bundled_law, number="419-V")
    assert "Law No. 553-IV of 13 February 2012" in page
    assert f'href="{LAW}/amendments/{act.pk}/"' in page
    assert f'href="{LAW}/compare/2014-04-18/to/2018-07-13/#art_9"' in page
    assert f'href="{LAW}/history/art_9/"' in page
    act_page = client.get(f"{LAW}/amendments/{act.pk}/").content.decode()
    assert "What Law No. 419-V of 24 November 2015 did to" in act_page
    assert client.get(f"{LAW}/amendments/999999/").status_code == 404


@pytest.mark.django_db
def test_a_provisions_history_lists_the_acts_that_changed_it(client, bundled_law):
    page = client.get(f"{LAW}/history/art_9/").content.decode()
    assert "Acts that changed it" in page
    assert page.index("Law No. 553-IV") < page.index("Law No. 419-V") < page.index("Law No. 36-VI")


@pytest.mark.django_db
@pytest.mark.usefixtures("empty_store")
def test_replacing_an_edition_rebuilds_its_effects_and_reports_unread_footnotes():
    law = make_law()
    text = "# Law\n\nArticle 1. A\n\nText.\n\nFootnote. Article 1 as amended by Law No. 5-V of 3 March 2015.\n"
    import_text(law, text)
    assert list(Effect.objects.values_list("act__number", "target_eid")) == [("5-V", "art_1")]
    replaced = import_statute(
        text.replace("Footnote. Article 1 as amended by Law No. 5-V of 3 March 2015.", "Footnote. Something else."),
        law=law,
        language="en",
        valid_from=D(2020, 1, 1),
        replace=True,
    )
    assert not Effect.objects.exists() and not AmendingAct.objects.exists()
    assert [note.body for note in replaced.unread_footnotes] == ["Something else."]
    assert "footnotes naming no act it could read: 1" in str(replaced)


@pytest.mark.django_db
def test_recording_when_an_act_came_into_force_reaches_readers_at_once(bundled_law):
    before = LawVersion.objects.get(law=bundled_law).version
    act = AmendingAct.objects.get(law=bundled_law, number="244-V")
    act.in_force_on = D(2014, 12, 1)  # as staff would record it once the publication date is known
    act.save()
    assert LawVersion.objects.get(law=bundled_law).version > before


@pytest.mark.django_db
def test_a_comparison_attributes_each_changed_article_to_the_acts_that_explain_it(client, bundled_law):
    page = client.get(f"{LAW}/compare/2014-04-18/to/2018-07-13/").content.decode()
    article_9 = page[page.index('id="art_9"') : page.index('id="art_9-1"')]
    assert "Law No. 419-V of 24 November 2015" in article_9 and "Law No. 36-VI of 28 December 2016" in article_9
    assert "Law No. 553-IV" not in article_9  # shown already in 2014: not part of this comparison


@pytest.mark.parametrize(
    "query",
    ["Article 9 as of 1 January 2016", "ст. 9 на 01.01.2016", "2016-01-01 9-бап", "9-бап 01.01.2016 жағдай бойынша"],
)
def test_a_citation_with_a_date_opens_the_provision_as_in_force_that_day(query):
    citation, as_of = parse_dated_citation(query)
    assert (citation.eid(), as_of) == ("art_9", D(2016, 1, 1))


def test_a_citation_without_a_date_and_words_with_one_are_read_as_before():
    assert parse_dated_citation("Article 9") == (parse_citation("Article 9"), None)
    assert parse_dated_citation("budget of 1 January 2016") == (None, None)


@pytest.mark.django_db
def test_searching_a_dated_citation_opens_that_days_provision_with_its_gap_warning(client, bundled_law):
    response = client.get("/search/", {"q": "ст. 9 на 01.01.2016"})
    assert response.status_code == 302
    assert response["Location"] == f"{LAW}/on/2016-01-01/art_9/"
    page = client.get(response["Location"]).content.decode()
    assert "Law No. 419-V of 24 November 2015" in page and "Changes not yet shown in this edition" in page


@pytest.mark.django_db
def test_the_timeline_says_which_acts_came_between_the_editions_held(client, bundled_law):
    page = client.get(f"{LAW}/on/2016-06-01/art_9/").content.decode()
    timeline = page[page.index('class="timeline"') : page.index('class="date-form"')]
    assert "then amended by 6 acts, shown together in the next edition" in timeline  # 227-V … 165-VI
    assert "Law No. 419-V of 24 November 2015</a>: in force from 1 January 2016" in timeline


# --- regressions found in review ------------------------------------------------------------------------------


def test_words_inside_an_acts_brackets_are_not_an_action():
    text = (
        "Статья 9 с изменениями, внесенными законами РК от 13.02.2012 № 553-IV (вводится в действие, за исключением "
        "подпункта 2, по истечении десяти календарных дней после его первого официального опубликования); "
        "от 24.11.2015 № 419-V (вводится в действие с 1 января 2016 года)."
    )
    effects = read_footnote(text)
    assert [(e.act.number, e.action) for e in effects] == [("553-IV", AMENDED), ("419-V", AMENDED)]
    assert effects[1].act.entry_into_force.date == D(2016, 1, 1)


def test_each_insertion_names_its_own_article_and_a_later_amendment_is_the_footnotes_own():
    text = (
        "Глава 2 дополнена статьей 9-1 в соответствии с Законом РК от 16.02.2012 № 562-IV; дополнена статьей 9-2 в "
        "соответствии с Законом РК от 16.03.2012 № 563-IV; с изменениями, внесенными Законом РК от 07.04.2014 № 185-V."
    )
    assert [(e.act.number, e.action, e.target_eid) for e in read_footnote(text)] == [
        ("562-IV", INSERTED, "art_9-1"),
        ("563-IV", INSERTED, "art_9-2"),
        ("185-V", AMENDED, ""),
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("алғашқы ресми жарияланған күнінен кейін күнтізбелік он бес күн өткен соң", (DAYS_AFTER_PUBLICATION, 15)),
        (
            "по истечении сорока пяти календарных дней после его первого официального опубликования",
            (DAYS_AFTER_PUBLICATION, 45),
        ),
        ("по истечении многих календарных дней после его первого официального опубликования", ("", 0)),
    ],
)
def test_periods_are_read_or_left_unstated_never_guessed(rule, expected):
    found = entry_into_force(rule)
    assert (found.rule, found.period) == expected


@pytest.mark.django_db
@pytest.mark.usefixtures("empty_store")
def test_an_effect_on_the_law_as_a_whole_is_shown_without_a_provision_link(client):
    law = make_law()
    text = "# Law\n\nFootnote. The Law as amended by Law No. 5-V of 3 March 2015.\n\n1) one;\n\n2) two.\n"
    import_text(law, text)
    import_text(law, text.replace("two.", "two, amended."), "2021-01-01")
    page = client.get("/laws/test-law/amendments/")
    assert page.status_code == 200
    assert "the law" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("empty_store")
def test_acts_cited_only_by_a_draft_edition_are_not_public(client):
    law = make_law()
    import_text(
        law, "# Law\n\nArticle 1. A\n\nText.\n\nFootnote. Article 1 as amended by Law No. 5-V of 3 March 2015.\n"
    )
    Revision.objects.update(published=False)
    assert "Law No. 5-V" not in client.get("/laws/test-law/amendments/").content.decode()


@pytest.mark.django_db
def test_reloading_unchanged_bundled_editions_reads_their_acts(bundled_law):
    AmendingAct.objects.filter(law=bundled_law).delete()  # as a database from before acts were read
    call_command("load_bundled_laws", stdout=io.StringIO())
    assert AmendingAct.objects.filter(law=bundled_law, number="419-V").exists()


@pytest.mark.django_db
def test_a_comparison_links_the_acts_it_spans(client, bundled_law):
    page = client.get(f"{LAW}/compare/2014-04-18/to/2018-07-13/").content.decode()
    act = AmendingAct.objects.get(law=bundled_law, number="419-V")
    listing = page[page.index('class="amending-acts"') : page.index("</ul>", page.index('class="amending-acts"'))]
    assert f'href="{LAW}/amendments/{act.pk}/"' in listing
    assert listing.count("<li>") == 6  # 227-V, 244-V, 419-V, 36-VI, 91-VI, 165-VI
