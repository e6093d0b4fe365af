"""Quoted spans are found again after the text changes, or reported lost (pure Python)."""

from lawreader.annotate.anchoring import Selector, anchor, selector_for

TEXT = "The subjects of foreign intelligence shall use overt and covert methods and means in accordance with law."


def quote(text, words):
    start = text.index(words)
    return selector_for(text, start, start + len(words))


def test_same_text_anchors_at_the_same_place():
    selector = quote(TEXT, "overt and covert methods")
    found = anchor(TEXT, selector)
    assert TEXT[found.start : found.end] == "overt and covert methods"
    assert found.exact_match


def test_quote_moved_by_an_insertion_is_found_by_its_words():
    selector = quote(TEXT, "covert methods")
    changed = "In the course of intelligence activity, " + TEXT
    found = anchor(changed, selector)
    assert changed[found.start : found.end] == "covert methods"


def test_repeated_words_are_told_apart_by_their_context():
    text = "the body shall act; the body shall report to the President"
    selector = quote(text, "the body shall report")
    shifted = "first, " + text
    found = anchor(shifted, Selector("the body shall", selector.prefix, " report to the President", selector.start))
    assert shifted[found.start : found.end + len(" report")] == "the body shall report"


def test_slightly_reworded_quote_is_found_fuzzily():
    selector = quote(TEXT, "overt and covert methods and means")
    reworded = TEXT.replace("overt and covert methods and means", "overt and covert methods and tools")
    found = anchor(reworded, selector)
    assert found is not None and not found.exact_match
    assert reworded[found.start : found.end].startswith("overt and covert methods and")


def test_quote_whose_words_are_gone_is_not_anchored():
    selector = quote(TEXT, "overt and covert methods")
    assert anchor("Financing is provided from the budget.", selector) is None


def test_empty_quote_or_text_anchors_nowhere():
    assert anchor(TEXT, Selector("")) is None
    assert anchor("", Selector("words")) is None
