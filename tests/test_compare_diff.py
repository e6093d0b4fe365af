"""Comparing two editions: trees built in code with known edits give exactly the expected changes.

Pure Python (no database): the trees get eids and content hashes the way the parser gives them.
"""

import copy
import difflib
import gc
import itertools
import random
from dataclasses import dataclass, field

import cydifflib
import pytest

from lawreader.compare.diff import DiffNode, TokenOp, compare_trees, diff_words
from lawreader.ingest.parser import Node, assign_content_hashes, assign_eids
from lawreader.memory import cyclic_collection_paused

# --- editions built in code ----------------------------------------------------------------------------------------


@dataclass
class Spec:
    """A provision of an edition under construction: mutable, so a test copies an edition and edits it."""

    kind: str
    number: str = ""
    heading: str = ""
    text: str = ""
    children: list["Spec"] = field(default_factory=list)


def document(*children):
    return Spec("document", children=list(children))


def preamble(text):
    return Spec("preamble", text=text)


def chapter(number, heading, *children):
    return Spec("chapter", number, heading, children=list(children))


def article(number, heading, *children):
    return Spec("article", number, heading, children=list(children))


def part(number, text, *children):
    return Spec("paragraph", number, text=text, children=list(children))


def item(number, text, *children):
    return Spec("subparagraph", number, text=text, children=list(children))


def paragraph(text):
    return Spec("text", text=text)


def freeze(spec):
    """The DiffNode tree of an edition, with the eids and content hashes the importer gives the same text."""
    root = parser_node(spec)
    assign_eids(root)
    assign_content_hashes(root)
    return diff_node(root)


def parser_node(spec):
    return Node(spec.kind, spec.number, spec.heading, spec.text, children=[parser_node(c) for c in spec.children])


def diff_node(node):
    fields = (node.eid, node.kind, node.number, node.heading, node.text, node.content_hash)
    return DiffNode(*fields, children=tuple(diff_node(child) for child in node.children))


def compare(old_spec, new_spec):
    return compare_trees(freeze(old_spec), freeze(new_spec))


def changes(comparison):
    """(status, old eid, new eid) of every change but the unchanged ones, in reading order."""
    return [
        (change.status, change.old.eid if change.old else None, change.new.eid if change.new else None)
        for change in comparison.iter_changes()
        if change.status != "unchanged"
    ]


def find(comparison, eid):
    return next(change for change in comparison.iter_changes() if change.eid == eid)


def counts(inserted=0, deleted=0, changed=0, moved=0):
    return {"inserted": inserted, "deleted": deleted, "changed": changed, "moved": moved}


DEFINITIONS = [
    "the intelligence service is the body that gathers information abroad;",
    "a source is a person who gives information in confidence;",
    "a cover document is a paper that hides where an officer serves;",
    "a safe house is premises kept for secret meetings;",
    "the special account holds money for operations;",
    "a liaison officer keeps contact with partner services;",
    "an operational record is the file kept on a case;",
    "a legend is an invented biography used in the field;",
    "the oversight body checks that the service obeys the law;",
    "a foreign partner is a service of another state that works with us;",
]


def law():
    """Two chapters, five articles; article 1 lists ten definitions, article 2 has parts with items and text."""
    return document(
        preamble("This Law sets the legal basis of foreign intelligence."),
        chapter(
            "1",
            "General provisions",
            article(
                "1",
                "Basic concepts used in this Law",
                paragraph("The following concepts are used in this Law:"),
                *[item(str(number), text) for number, text in enumerate(DEFINITIONS, start=1)],
            ),
            article(
                "2",
                "Tasks of foreign intelligence",
                part(
                    "1",
                    "The tasks of foreign intelligence are:",
                    item("1", "to inform the President about threats to the state;"),
                    item(
                        "2",
                        "to support the foreign policy of the Republic:",
                        paragraph("by gathering information about the plans of other states;"),
                        paragraph("by assessing the conditions of negotiations."),
                    ),
                    item("3", "to protect the institutions of the Republic abroad."),
                ),
                part("2", "Other tasks may be set only by law."),
            ),
            article("3", "Principles", paragraph("Foreign intelligence acts lawfully and in secret.")),
        ),
        chapter(
            "2",
            "Powers",
            article("4", "Powers of the service", paragraph("The service may recruit sources abroad.")),
            article("5", "Limits of powers", paragraph("The service may not act against citizens at home.")),
        ),
    )


def spec_at(edition, *path):
    """The provision reached by child indexes: spec_at(edition, 1, 0) is the first article of chapter 1."""
    spec = edition
    for index in path:
        spec = spec.children[index]
    return spec


# --- identical editions ------------------------------------------------------------------------------------------


def test_identical_trees_give_one_unchanged_root_and_no_descent():
    comparison = compare(law(), law())

    assert comparison.root.status == "unchanged"
    assert not comparison.root.children
    assert list(comparison.iter_changes()) == [comparison.root]
    assert comparison.counts == counts()
    assert comparison.changed_articles() == []


def test_equal_content_hashes_are_trusted_without_looking_inside():
    old = freeze(law())
    # Same hash, other children: only a comparison that never opens the subtree calls this unchanged.
    new = DiffNode(old.eid, old.kind, old.number, old.heading, old.text, old.content_hash, children=())

    comparison = compare_trees(old, new)

    assert comparison.root.status == "unchanged"
    assert not comparison.root.children


# --- insertions, deletions and edits -----------------------------------------------------------------------------


def test_inserted_article_is_inserted_with_its_parts():
    new = law()
    spec_at(new, 2).children.append(
        article("6", "Reports", part("1", "The service reports yearly."), part("2", "Reports are secret."))
    )

    comparison = compare(law(), new)

    assert changes(comparison) == [
        ("inserted", None, "art_6"),
        ("inserted", None, "art_6__para_1"),
        ("inserted", None, "art_6__para_2"),
    ]
    assert comparison.counts == counts(inserted=3)
    assert [change.eid for change in comparison.changed_articles()] == ["art_6"]


def test_deleted_item_stays_where_it_was_between_its_siblings():
    new = law()
    part_1 = spec_at(new, 1, 1, 0)
    del part_1.children[1]  # item 2 and its two paragraphs; items 1 and 3 keep their numbers

    comparison = compare(law(), new)

    assert changes(comparison) == [
        ("deleted", "art_2__para_1__subpara_2", None),
        ("deleted", "art_2__para_1__subpara_2__text_1", None),
        ("deleted", "art_2__para_1__subpara_2__text_2", None),
    ]
    part_change = find(comparison, "art_2__para_1")
    assert [(child.status, child.eid) for child in part_change.children] == [
        ("unchanged", "art_2__para_1__subpara_1"),
        ("deleted", "art_2__para_1__subpara_2"),
        ("unchanged", "art_2__para_1__subpara_3"),
    ]
    assert comparison.counts == counts(deleted=3)


def test_paragraph_inserted_before_others_is_the_only_change():
    old = document(article("1", "A", paragraph("First."), paragraph("Second."), paragraph("Third.")))
    new = document(
        article("1", "A", paragraph("New opening."), paragraph("First."), paragraph("Second."), paragraph("Third."))
    )

    comparison = compare(old, new)

    assert changes(comparison) == [("inserted", None, "art_1__text_1")]
    assert [(child.status, child.old and child.old.eid) for child in find(comparison, "art_1").children] == [
        ("inserted", None),
        ("unchanged", "art_1__text_1"),
        ("unchanged", "art_1__text_2"),
        ("unchanged", "art_1__text_3"),
    ]
    assert comparison.counts == counts(inserted=1)


def test_paragraph_deleted_between_others_leaves_the_rest_unchanged():
    old = document(article("1", "A", paragraph("First."), paragraph("Second."), paragraph("Third.")))
    new = document(article("1", "A", paragraph("First."), paragraph("Third.")))

    assert changes(compare(old, new)) == [("deleted", "art_1__text_2", None)]


def test_edited_paragraph_after_an_inserted_one_is_changed_not_moved():
    old = document(article("1", "A", paragraph("First."), paragraph("The second paragraph says this today.")))
    new = document(
        article(
            "1",
            "A",
            paragraph("First."),
            paragraph("Inserted."),
            paragraph("The second paragraph says this from now on."),
        )
    )

    statuses = {status for status, _, _ in changes(compare(old, new))}

    assert "moved" not in statuses


def test_deleted_first_child_comes_first():
    new = law()
    del spec_at(new, 1, 1).children[0]  # part 1 of article 2

    part_changes = find(compare(law(), new), "art_2").children

    assert [(child.status, child.eid) for child in part_changes] == [
        ("deleted", "art_2__para_1"),
        ("unchanged", "art_2__para_2"),
    ]


def test_changed_text_gives_exact_word_ops():
    new = law()
    spec_at(new, 1, 0, 2).text = "a source is a natural person who gives information to the service in confidence;"

    comparison = compare(law(), new)

    assert changes(comparison) == [("changed", "art_1__subpara_2", "art_1__subpara_2")]
    change = find(comparison, "art_1__subpara_2")
    assert change.text_ops == [
        TokenOp("equal", "a source is a "),
        TokenOp("insert", "natural "),
        TokenOp("equal", "person who gives information "),
        TokenOp("insert", "to the service "),
        TokenOp("equal", "in confidence;"),
    ]
    assert not change.heading_ops
    assert not change.renumbered


def test_heading_change_gives_heading_ops_and_leaves_the_parts_alone():
    new = law()
    spec_at(new, 1, 1).heading = "Tasks and duties of foreign intelligence"

    comparison = compare(law(), new)

    change = find(comparison, "art_2")
    assert change.status == "changed"
    assert change.heading_ops == [
        TokenOp("equal", "Tasks "),
        TokenOp("insert", "and duties "),
        TokenOp("equal", "of foreign intelligence"),
    ]
    assert not change.text_ops
    assert [(child.status, child.children) for child in change.children] == [("unchanged", ()), ("unchanged", ())]
    assert comparison.counts == counts(changed=1)


def test_rewritten_provision_is_changed_not_deleted_and_inserted():
    new = law()
    spec_at(new, 1, 2, 0).text = "Every operation needs the written consent of the director."

    comparison = compare(law(), new)

    assert changes(comparison) == [("changed", "art_3__text_1", "art_3__text_1")]
    assert comparison.counts == counts(changed=1)


def test_edit_inside_a_deep_item_marks_the_item_changed_and_the_article_holds_it():
    new = law()
    spec_at(new, 1, 1, 0, 1).text = "to support the foreign and economic policy of the Republic:"

    comparison = compare(law(), new)

    assert changes(comparison) == [("changed", "art_2__para_1__subpara_2", "art_2__para_1__subpara_2")]
    for eid in ("chp_1", "art_2", "art_2__para_1"):
        assert find(comparison, eid).status == "unchanged"
        assert find(comparison, eid).children
    item_change = find(comparison, "art_2__para_1__subpara_2")
    assert [child.status for child in item_change.children] == ["unchanged", "unchanged"]
    assert [change.eid for change in comparison.changed_articles()] == ["art_2"]


def test_edit_in_a_paragraph_under_an_item_leaves_the_item_unchanged_with_a_changed_child():
    new = law()
    spec_at(new, 1, 1, 0, 1, 1).text = "by assessing the conditions of treaties."

    comparison = compare(law(), new)

    item_change = find(comparison, "art_2__para_1__subpara_2")
    assert item_change.status == "unchanged"
    assert [(child.status, child.eid) for child in item_change.children] == [
        ("unchanged", "art_2__para_1__subpara_2__text_1"),
        ("changed", "art_2__para_1__subpara_2__text_2"),
    ]
    assert find(comparison, "art_2__para_1__subpara_2__text_2").text_ops == [
        TokenOp("equal", "by assessing the conditions of "),
        TokenOp("delete", "negotiations"),
        TokenOp("insert", "treaties"),
        TokenOp("equal", "."),
    ]
    assert [change.eid for change in comparison.changed_articles()] == ["art_2"]


# --- moves and renumbering ---------------------------------------------------------------------------------------


def test_article_moved_to_another_chapter_is_moved():
    new = law()
    moved_article = spec_at(new, 1).children.pop(2)  # article 3 leaves chapter 1 for the start of chapter 2
    spec_at(new, 2).children.insert(0, moved_article)

    comparison = compare(law(), new)

    assert changes(comparison) == [("moved", "art_3", "art_3")]
    assert [child.eid for child in find(comparison, "chp_1").children] == ["art_1", "art_2"]
    assert [child.eid for child in find(comparison, "chp_2").children] == ["art_3", "art_4", "art_5"]
    assert comparison.counts == counts(moved=1)
    assert [change.eid for change in comparison.changed_articles()] == ["art_3"]


def test_moved_article_carries_the_edits_made_inside_it():
    new = law()
    moved_article = spec_at(new, 1).children.pop(2)
    moved_article.children[0].text = "Foreign intelligence acts lawfully, in secret and in good faith."
    spec_at(new, 2).children.insert(0, moved_article)

    comparison = compare(law(), new)

    assert changes(comparison) == [("moved", "art_3", "art_3"), ("changed", "art_3__text_1", "art_3__text_1")]


def test_articles_of_a_deleted_chapter_move_to_the_chapter_that_takes_them():
    old, new = law(), law()
    spec_at(new, 1).children += spec_at(new, 2).children
    del new.children[2]

    comparison = compare(old, new)

    assert changes(comparison) == [("moved", "art_4", "art_4"), ("moved", "art_5", "art_5"), ("deleted", "chp_2", None)]
    assert find(comparison, "chp_2").children == []
    assert comparison.counts == counts(moved=2, deleted=1)


def test_renumbered_item_is_moved_not_deleted_and_inserted():
    new = law()
    items = spec_at(new, 1, 0).children  # [paragraph, item 1 … item 10]
    items.insert(9, item("9", "a double agent is a source who also serves another state;"))
    for later in items[10:]:
        later.number = str(int(later.number) + 1)

    comparison = compare(law(), new)

    assert changes(comparison) == [
        ("inserted", None, "art_1__subpara_9"),
        ("moved", "art_1__subpara_9", "art_1__subpara_10"),
        ("moved", "art_1__subpara_10", "art_1__subpara_11"),
    ]
    item_10 = find(comparison, "art_1__subpara_10")
    assert (item_10.old.number, item_10.new.number, item_10.renumbered) == ("9", "10", True)
    assert not item_10.text_ops
    assert comparison.counts == counts(inserted=1, moved=2)


def test_renumbered_item_with_an_edit_is_moved_with_its_word_ops():
    new = law()
    items = spec_at(new, 1, 0).children
    items.insert(9, item("9", "a double agent is a source who also serves another state;"))
    for later in items[10:]:
        later.number = str(int(later.number) + 1)
    items[10].text = "the oversight body checks that the intelligence service obeys the law;"

    comparison = compare(law(), new)

    item_10 = find(comparison, "art_1__subpara_10")
    assert (item_10.status, item_10.old.eid) == ("moved", "art_1__subpara_9")
    assert item_10.text_ops == [
        TokenOp("equal", "the oversight body checks that the "),
        TokenOp("insert", "intelligence "),
        TokenOp("equal", "service obeys the law;"),
    ]


def test_renumbered_part_keeps_its_items_unchanged():
    new = law()
    spec_at(new, 1, 1).children.insert(0, part("1", "Foreign intelligence serves the Republic."))
    for index, later in enumerate(spec_at(new, 1, 1).children[1:], start=2):
        later.number = str(index)

    comparison = compare(law(), new)

    assert changes(comparison) == [
        ("inserted", None, "art_2__para_1"),
        ("moved", "art_2__para_1", "art_2__para_2"),
        ("moved", "art_2__para_2", "art_2__para_3"),
    ]
    # Only the part's number changed: its items are there, unchanged and not opened.
    items = find(comparison, "art_2__para_2").children
    assert [(child.status, child.eid, child.children) for child in items] == [
        ("unchanged", "art_2__para_2__subpara_1", ()),
        ("unchanged", "art_2__para_2__subpara_2", ()),
        ("unchanged", "art_2__para_2__subpara_3", ()),
    ]


def test_dissimilar_provisions_are_not_paired():
    new = law()
    items = spec_at(new, 1, 0).children
    del items[3]  # item 3
    items.append(item("11", "a courier carries documents between stations;"))

    comparison = compare(law(), new)

    assert changes(comparison) == [("deleted", "art_1__subpara_3", None), ("inserted", None, "art_1__subpara_11")]


def test_edited_item_pairs_with_its_sibling_before_an_identical_stranger():
    new = law()
    spec_at(new, 1, 0, 4).text = "a safe house is premises kept for secret meetings abroad;"  # item 4, edited
    # Elsewhere, a new item reading exactly as item 4 did: more alike, but a stranger.
    spec_at(new, 1, 1, 0).children.append(item("4", "a safe house is premises kept for secret meetings;"))

    comparison = compare(law(), new)

    assert changes(comparison) == [
        ("changed", "art_1__subpara_4", "art_1__subpara_4"),
        ("inserted", None, "art_2__para_1__subpara_4"),
    ]


def test_item_its_siblings_leave_unpaired_is_found_in_another_article():
    new = law()
    definitions = spec_at(new, 1, 0).children
    moved = definitions.pop(3)  # item 3 leaves article 1 …
    definitions[4].text = "the special account holds the money for operations;"  # … where item 5 is edited
    spec_at(new, 1, 1, 0).children.append(item("4", moved.text))  # … and is taken into article 2

    comparison = compare(law(), new)

    assert changes(comparison) == [
        ("changed", "art_1__subpara_5", "art_1__subpara_5"),
        ("moved", "art_1__subpara_3", "art_2__para_1__subpara_4"),
    ]


def test_cyclic_collection_resumes_after_a_comparison_unless_it_was_off():
    with cyclic_collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_similar_text_is_never_paired_across_kinds():
    old, new = law(), law()
    text = "Other tasks may be set only by law."
    spec_at(new, 1, 1).children[1] = Spec("text", text=text)  # part 2 becomes an unnumbered paragraph

    comparison = compare(old, new)

    # The deleted part stays after part 1, the old sibling before it; the new paragraph follows.
    assert changes(comparison) == [("deleted", "art_2__para_2", None), ("inserted", None, "art_2__text_1")]


def test_changed_articles_lists_deleted_articles_in_reading_order():
    new = law()
    del spec_at(new, 1).children[1]  # article 2
    spec_at(new, 1, 1, 0).text = "Foreign intelligence acts lawfully and secretly."
    spec_at(new, 2, 1).heading = "Limits of the powers"

    comparison = compare(law(), new)

    assert [(change.status, change.eid) for change in comparison.changed_articles()] == [
        ("deleted", "art_2"),
        ("unchanged", "art_3"),
        ("changed", "art_5"),
    ]


def test_preamble_change_is_changed():
    new = law()
    new.children[0].text = "This Law sets the legal basis and the limits of foreign intelligence."

    assert changes(compare(law(), new)) == [("changed", "preamble", "preamble")]


def test_subtrees_compare_like_whole_editions():
    old, new = freeze(law()), law()
    spec_at(new, 1, 1, 1).text = "Other tasks may be set only by a law."
    article_2_old, article_2_new = old.children[1].children[1], freeze(new).children[1].children[1]

    comparison = compare_trees(article_2_old, article_2_new)

    assert changes(comparison) == [("changed", "art_2__para_2", "art_2__para_2")]
    assert comparison.counts == counts(changed=1)


# --- word diff ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", ""),
        ("", "a new sentence."),
        ("an old sentence.", ""),
        ("1) physical person;", "1) physical or legal person."),
        ("Statute (as amended), art. 9-1: see below!", "Statute (as amended on 1.1.2020), art. 9-2; see above?"),
        ("1) физическое лицо;", "1) физическое или юридическое лицо, зарегистрированное в Республике;"),
        ("Қазақстан Республикасының заңы", "Қазақстан Республикасының Конституциялық заңы"),
        ("  leading space and  double  spaces ", "leading space and double spaces"),
        ("same text", "same text"),
    ],
)
def test_diff_words_reconstructs_both_texts_exactly(old, new):
    ops = diff_words(old, new)

    assert "".join(op.text for op in ops if op.op != "insert") == old
    assert "".join(op.text for op in ops if op.op != "delete") == new
    assert all(op.text for op in ops)
    assert all(first.op != second.op for first, second in itertools.pairwise(ops))


def test_diff_words_separates_punctuation_from_words():
    assert diff_words("лицо;", "лицо.") == [TokenOp("equal", "лицо"), TokenOp("delete", ";"), TokenOp("insert", ".")]


def test_diff_words_on_cyrillic_marks_whole_words():
    assert diff_words("1) физическое лицо;", "1) физическое или юридическое лицо;") == [
        TokenOp("equal", "1) физическое "),
        TokenOp("insert", "или юридическое "),
        TokenOp("equal", "лицо;"),
    ]


def test_diff_words_of_empty_strings():
    assert diff_words("", "") == []
    assert diff_words("", "new") == [TokenOp("insert", "new")]
    assert diff_words("old", "") == [TokenOp("delete", "old")]


def test_diff_words_of_equal_texts_is_one_equal_op():
    assert diff_words("same words, same marks.", "same words, same marks.") == [
        TokenOp("equal", "same words, same marks.")
    ]


def test_compiled_sequence_matcher_gives_difflibs_opcodes_and_ratios():
    """The diff uses cydifflib's SequenceMatcher for speed; it must find what difflib's finds, edit for edit."""
    rng = random.Random(19)
    words = ["лицо", "закон", "статья", "the", "of", "law", ";", ",", "1)", "пункт", "және", "бап"]
    for _ in range(2000):
        old = rng.choices(words, k=rng.randint(0, 40))
        new = list(old)
        for _edit in range(rng.randint(0, 6)):
            at = rng.randint(0, len(new))
            action = rng.choice(["insert", "delete", "replace", "move"])
            if action == "insert" or not new:
                new[at:at] = rng.choices(words, k=rng.randint(1, 4))
            elif action == "delete":
                del new[at : at + rng.randint(1, 4)]
            elif action == "replace":
                new[at : at + 1] = [rng.choice(words)]
            else:
                moved = new[at : at + 3]
                del new[at : at + 3]
                new[rng.randint(0, len(new)) : 0] = moved
        expected = difflib.SequenceMatcher(None, old, new, autojunk=False)
        compiled = cydifflib.SequenceMatcher(None, old, new, autojunk=False)

        assert compiled.get_opcodes() == expected.get_opcodes(), (old, new)
        assert compiled.ratio() == expected.ratio(), (old, new)


# --- a law of 25,000 provisions ----------------------------------------------------------------------------------

VOCABULARY = [
    f"{syllable}{number}" for syllable in ("закон", "право", "орган", "лицо", "срок") for number in range(400)
]


def large_law(seed=7):
    """20 chapters x 25 articles x (1 + 7 parts x (1 + 6 items)): 25,020 provisions, every text distinct."""
    words = random.Random(seed)

    def sentence():
        return " ".join(words.choices(VOCABULARY, k=words.randint(8, 14))) + ";"

    chapters, number = [], 0
    for chapter_number in range(1, 21):
        articles = []
        for _ in range(25):
            number += 1
            parts = [part(str(p), sentence(), *[item(str(i), sentence()) for i in range(1, 7)]) for p in range(1, 8)]
            articles.append(article(str(number), sentence(), *parts))
        chapters.append(chapter(str(chapter_number), sentence(), *articles))
    return document(*chapters)


def amended_large_law(old, seed=11):
    """2% of the provisions changed, each in a part of its own: 400 items edited, 50 deleted, 50 inserted."""
    new = copy.deepcopy(old)
    parts = [p for chapter_spec in new.children for a in chapter_spec.children for p in a.children]
    chosen = random.Random(seed).sample(parts, 500)
    for part_spec in chosen[:400]:
        edited = part_spec.children[2]
        edited.text = edited.text.replace(" ", " изменено ", 1)
    for part_spec in chosen[400:450]:
        part_spec.children.pop()
    for part_spec in chosen[450:]:
        part_spec.children.append(
            item("7", "новый подпункт " + " ".join(random.Random(part_spec.text).choices(VOCABULARY, k=10)))
        )
    return new


def test_large_law_with_two_percent_changed_gives_the_right_counts():
    old = large_law()
    new = amended_large_law(old)
    old_tree, new_tree = freeze(old), freeze(new)
    assert sum(1 for _ in walk(old_tree)) - 1 == 25_020

    comparison = compare_trees(old_tree, new_tree)

    assert comparison.counts == counts(inserted=50, deleted=50, changed=400)
    statuses = {(change.status, change.kind) for change in comparison.iter_changes() if change.status != "unchanged"}
    assert statuses == {("inserted", "subparagraph"), ("deleted", "subparagraph"), ("changed", "subparagraph")}


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def test_restated_article_keeps_its_number_even_when_another_article_reads_more_alike():
    """Old Article 16 reads like new Article 15, but Article 15 restated is still Article 15: "changed"."""
    old = document(
        article("15", "Social protection of servicemen", paragraph("Servicemen receive social protection.")),
        article("16", "Pay of servicemen", paragraph("Employees have the right to pay and allowances.")),
    )
    new = document(
        article("15", "Rights of employees", paragraph("Employees have the right to pay and allowances.")),
        article("16", "Use of force", paragraph("Physical force may be used only as provided by law.")),
    )
    comparison = compare(old, new)
    assert [(change.eid, change.status) for change in comparison.root.children] == [
        ("art_15", "changed"),
        ("art_16", "changed"),
    ]
    # The sentence itself did travel from Article 16 to Article 15, and is shown so.
    moved = next(change for change in comparison.iter_changes() if change.new and change.new.eid == "art_15__text_1")
    assert (moved.status, moved.old.eid) == ("moved", "art_16__text_1")
