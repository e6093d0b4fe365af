"""Defined terms: found where a law defines them, and found again wherever its text uses them, inflected or not
(pure Python).

Kazakhstan's laws define terms in an article of "basic concepts" ("Основные понятия, используемые в настоящем
Законе", "Осы Заңда пайдаланылатын негізгі ұғымдар"), one item each — "1) разведывательная информация – …" — or,
for one article only, under a lead-in such as "для целей настоящей статьи". A use of the term is the same words
with other endings: Snowball stems in English and Russian, stacked endings in Kazakh (`lawreader.stems`).
"""

import re
from dataclasses import dataclass

from lawreader.stems import WORD_RE, kazakh_inflects, kazakh_root, kazakh_softened, stem

# The heading of an article of definitions, and the lead-in before a list of them.
DEFINITIONS_HEADING_RE = re.compile(
    r"\b(?:concepts|definitions|terms)\b|\bпонятия\b|\bтермины\b|\bопределения\b|ұғымдар|терминдер",
    re.IGNORECASE,
)
LEAD_IN_RE = re.compile(
    r"(?:concepts|terms|definitions)\s+(?:are\s+)?used|following\s+(?:basic\s+)?(?:concepts|terms|definitions)"
    r"|for\s+the\s+purposes\s+of\s+this|используются\s+следующие|следующие\s+(?:основные\s+)?(?:понятия|термины)"
    r"|для\s+целей\s+настоящ|ұғымдар\s+пайдаланылады|мынадай\s+(?:негізгі\s+)?ұғымдар|мақсаттары\s+үшін",
    re.IGNORECASE,
)
# A lead-in whose definitions hold in its own article only.
THIS_ARTICLE_RE = re.compile(r"this\s+article|настоящей\s+стать|данной\s+стать|осы\s+бап", re.IGNORECASE)
# "term – definition": the dash that separates them has spaces around it.
TERM_DASH_RE = re.compile(r"\s+[\u2013\u2014-]\s+")
MAX_TERM_WORDS = 10
QUOTES = "«»\"“”„'"
SPACES_RE = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class Definition:
    term: str
    eid: str  # the provision that defines it
    text: str  # what the definition says, as printed
    scope: str = ""  # "" for the whole law, else the eid of the article it is defined for


def term_defined_in(text):
    """The term an item of definitions defines ("intelligence information – information obtained…"), or ""."""
    parts = TERM_DASH_RE.split(text, maxsplit=1)
    if len(parts) != 2:
        return ""
    term = parts[0].strip().strip(QUOTES).strip()
    words = WORD_RE.findall(term)
    if not words or len(words) > MAX_TERM_WORDS or any(character.isdigit() for character in term):
        return ""
    return term


def is_definitions_heading(heading):
    return bool(DEFINITIONS_HEADING_RE.search(heading or ""))


def is_lead_in(text):
    # A lead-in introduces its list with a colon: a cheap test first.
    return bool(text) and ":" in text and bool(LEAD_IN_RE.search(text))


def scope_of_lead_in(text, article_eid):
    return article_eid if THIS_ARTICLE_RE.search(text or "") else ""


@dataclass(frozen=True)
class Use:
    start: int
    end: int
    definition: Definition


# Russian adjectives as a term is defined (nominative): they agree with the noun after them, so both inflect.
RUSSIAN_ADJECTIVE_RE = re.compile(r"\w+(?:ая|яя|ый|ий|ой|ое|ее|ые|ие)")
STEM, EXACT, KAZAKH = "stem", "exact", "kazakh"


def word_matchers(term, language):
    """How each word of a term may change when the law uses it: [(how, key)].

    Only the words that agree with the term's head inflect. English: every word, by stem. Russian: the leading
    adjectives and the noun they qualify ("разведывательная деятельность"); what follows is a genitive that never
    changes ("субъектов внешней разведки"), so "деятельности субъекты" is not the term. Kazakh: the last word, the
    head with its endings ("барлау ақпаратының"); the words before it stay as they are.
    """
    words = [word.lower() for word in WORD_RE.findall(term)]
    if language == "kk":
        return [(EXACT, word) for word in words[:-1]] + [(KAZAKH, kazakh_root(words[-1]))]
    if language != "ru":
        return [(STEM, stem(word, language)) for word in words]
    head = 0
    while head < len(words) - 1 and RUSSIAN_ADJECTIVE_RE.fullmatch(words[head]):
        head += 1
    return [
        (STEM if index <= head else EXACT, stem(word, language) if index <= head else word)
        for index, word in enumerate(words)
    ]


class TermFinder:
    """Finds the defined terms in a provision's text: the first use of each, longest terms first."""

    def __init__(self, definitions, language):
        self.language = language
        self.terms = {}  # the first word's index key → [(word matchers, definition)], longest first
        for definition in definitions:
            matchers = word_matchers(definition.term, language)
            if matchers:
                self.terms.setdefault(self.index_key(matchers[0][1]), []).append((matchers, definition))
        for candidates in self.terms.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))
        # Where a term may start: a word beginning as one of their first words' stems (or Kazakh roots) does.
        openings = {
            form
            for candidates in self.terms.values()
            for (how, key), *_rest in (matchers for matchers, _definition in candidates)
            for form in ((key, kazakh_softened(key)) if how == KAZAKH else (key,))
        }
        self.first_words = (
            re.compile(
                rf"(?<!\w)(?:{'|'.join(sorted(map(re.escape, openings), key=len, reverse=True))})[\w-]*", re.IGNORECASE
            )
            if openings
            else None
        )

    def index_key(self, key):
        # Kazakh words are matched by their endings, so they are indexed by their first letters only. (A term's
        # first word is always matched by stem in English and Russian.)
        return key[:3] if self.language == "kk" else key

    def text_key(self, word):
        word = word.lower()
        return word[:3] if self.language == "kk" else stem(word, self.language)

    def word_matches(self, word, matcher):
        how, key = matcher
        word = word.lower()
        if how == KAZAKH:
            return kazakh_inflects(word, key)
        if how == EXACT:
            return word == key
        return stem(word, self.language) == key

    def uses(self, text, eid, article_eid, taken=()):
        """The first use of each term in `text` that falls outside the spans `taken`, as Use spans; a definition
        never links to itself, and an article's own definitions count only within it."""
        if self.first_words is None:
            return []
        uses, linked = [], set()
        occupied = list(taken)
        for match in self.first_words.finditer(text):
            for matchers, definition in self.terms.get(self.text_key(match.group()), ()):
                if definition in linked or definition.eid == eid or not self.in_scope(definition, article_eid):
                    continue
                span = self.match_at(text, match.start(), matchers)
                if span is None or any(span[0] < end and start < span[1] for start, end in occupied):
                    continue
                uses.append(Use(span[0], span[1], definition))
                linked.add(definition)
                occupied.append(span)
                break
        return uses

    def match_at(self, text, start, matchers):
        """The span of the term's words from `start`, one after another with only spaces between, or None."""
        position = start
        for offset, matcher in enumerate(matchers):
            if offset:
                gap = SPACES_RE.match(text, position)
                if gap is None:
                    return None
                position = gap.end()
            word = WORD_RE.match(text, position)
            if word is None or not self.word_matches(word.group(), matcher):
                return None
            position = word.end()
        return start, position

    @staticmethod
    def in_scope(definition, article_eid):
        return not definition.scope or definition.scope == article_eid
