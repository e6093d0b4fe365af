"""Find a quoted span again in a provision whose text may have changed (pure Python).

Like Hypothesis, a quote is kept as W3C Web Annotation selectors — the exact words, a little text before and
after, and the offset where it started — and re-anchored in order of confidence: the same words at the same
place; the same words elsewhere, chosen by context and distance; then the most similar passage of about the
same length, if it is similar enough.
"""

import difflib
from dataclasses import dataclass

CONTEXT_LENGTH = 32
FUZZY_THRESHOLD = 0.75


@dataclass(frozen=True)
class Selector:
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    exact_match: bool


def selector_for(text, start, end):
    """The selectors for text[start:end], with context on each side."""
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_LENGTH) : start],
        suffix=text[end : end + CONTEXT_LENGTH],
        start=start,
    )


def anchor(text, selector):
    """Where the quote is in `text` now, or None if it is no longer there."""
    exact = selector.exact
    if not exact or not text:
        return None
    if selector.start is not None and text[selector.start : selector.start + len(exact)] == exact:
        return Anchor(selector.start, selector.start + len(exact), True)
    occurrences = list(find_all(text, exact))
    if occurrences:
        best = max(occurrences, key=lambda start: placement_score(text, selector, start, start + len(exact)))
        return Anchor(best, best + len(exact), True)
    return fuzzy_anchor(text, selector)


def find_all(text, word):
    start = text.find(word)
    while start != -1:
        yield start
        start = text.find(word, start + 1)


def context_similarity(text, selector, start, end):
    before = text[max(0, start - len(selector.prefix)) : start]
    after = text[end : end + len(selector.suffix)]
    scores = [
        ratio(before, selector.prefix) if selector.prefix else 1.0,
        ratio(after, selector.suffix) if selector.suffix else 1.0,
    ]
    return sum(scores) / 2


def placement_score(text, selector, start, end):
    closeness = 1.0 if selector.start is None else 1.0 / (1.0 + abs(start - selector.start) / max(len(text), 1))
    return context_similarity(text, selector, start, end) * 0.8 + closeness * 0.2


def ratio(a, b):
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def fuzzy_anchor(text, selector):
    """The window of text most like the quote, judged on the quote itself and then on its context."""
    exact = selector.exact
    matcher = difflib.SequenceMatcher(None, text, exact, autojunk=False)
    candidates = set()
    for block in matcher.get_matching_blocks():
        if block.size < 3:
            continue
        # Align the window so the shared block sits where it sat in the quote.
        start = max(0, block.a - block.b)
        for slack in (-2, -1, 0, 1, 2):
            candidates.add((max(0, start + slack), min(len(text), start + slack + len(exact))))
    scored = [(ratio(text[s:e], exact), placement_score(text, selector, s, e), s, e) for s, e in candidates if e > s]
    if not scored:
        return None
    similarity, _placement, start, end = max(scored)
    if similarity < FUZZY_THRESHOLD:
        return None
    return Anchor(start, end, False)
