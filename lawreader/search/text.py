"""Words, stems and the reader's query syntax (pure Python).

Query syntax, as on the sites readers know: words (all must match), "a phrase", -excluded, prefix*.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from lawreader.stems import WORD_RE, stem, stems_of, words

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# The text search configurations whose stems lawreader.stems reproduces for SQLite.
POSTGRES_CONFIGS = {"en": "english", "ru": "russian", "kk": "simple"}


def stemmed(text, language):
    """The text as the index sees it: lower-case stems separated by spaces."""
    return " ".join(map(stems_of(language).__getitem__, words(text)))


@dataclass
class Term:
    words: list  # one word, or the words of a phrase
    excluded: bool = False
    prefix: bool = False

    @property
    def is_phrase(self):
        return len(self.words) > 1


@dataclass
class ParsedQuery:
    text: str
    terms: list = field(default_factory=list)
    notices: list = field(default_factory=list)

    @property
    def wanted(self):
        return [term for term in self.terms if not term.excluded]

    @property
    def usable(self):
        return bool(self.wanted)

    def highlight_words(self):
        return [word for term in self.wanted for word in term.words]


TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


def clean(query):
    """Printable text only, whitespace folded."""
    printable = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in query or "")
    return " ".join(printable.split())


def parse_query(raw):
    text = clean(raw)
    parsed = ParsedQuery(text=text)
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH]
        parsed.text = text
        parsed.notices.append(f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters.")
    for match in TOKEN_RE.finditer(text):
        phrase_minus, phrase, word_minus, token = match.groups()
        if phrase is not None:
            term_words = words(phrase)
            if term_words:
                parsed.terms.append(Term(term_words, excluded=bool(phrase_minus)))
            continue
        prefix = token.endswith("*")
        token_words = words(token)
        if not token_words:
            continue  # operators or punctuation alone
        if len(token_words) > 1:
            parsed.terms.append(Term(token_words, excluded=bool(word_minus)))
        else:
            parsed.terms.append(Term(token_words, excluded=bool(word_minus), prefix=prefix))
    if len(parsed.terms) > MAX_TERMS:
        parsed.terms = parsed.terms[:MAX_TERMS]
        parsed.notices.append(f"Only the first {MAX_TERMS} words of your search were used.")
    return parsed


def highlight_spans(text, query, language):
    """(start, end) of the words in `text` that match the query's wanted words, by stem or prefix."""
    targets, prefixes = set(), []
    for term in query.wanted:
        for word in term.words:
            if term.prefix:
                prefixes.append(word)
            else:
                targets.add(stem(word, language))
    spans = []
    for match in WORD_RE.finditer(text):
        word = match.group().lower()
        if stem(word, language) in targets or any(word.startswith(prefix) for prefix in prefixes):
            spans.append((match.start(), match.end()))
    return spans
