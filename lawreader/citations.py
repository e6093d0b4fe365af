"""Recognise a citation of a provision typed into the search box (pure Python, standard library only).

Readers type either words or a citation: "ст. 2 п. 1", "подпункт 20-1 статьи 9", "2-баптың 1-тармағы",
"Art. 2(1)", "item 20-1 of Article 9", "chp_2". `parse_citation` returns a `Citation` for those and None for
anything else, so the query goes to word search instead. It never raises and cannot backtrack catastrophically: the
query is split into tokens by one linear regular expression and read by a small hand-written grammar.

A citation names its levels top-down ("Article 9, item 3", "9-баптың 3) тармақшасы") or bottom-up
("подпункт 3 статьи 9", "item 3 of Article 9"), never mixed. Russian "пункт" and Kazakh "тармақ" are numbered
parts (eid `para_N`); "подпункт" and "тармақша" are items (`subpara_N`). Russian "часть" is not read: in
Kazakhstan's laws it counts unnumbered paragraphs, which a citation cannot address.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from lawreader import dates, vocabulary

# A citation is short; anything longer is words, and the cap bounds every step below.
MAX_QUERY_LENGTH = 200

# A citation's levels are eid segment prefixes ("art", "para"), so a citation reads as the eid it names.
CHAPTER, ARTICLE, PART, ITEM = (
    vocabulary.EID_PREFIX[kind] for kind in (vocabulary.CHAPTER, vocabulary.ARTICLE, vocabulary.PART, vocabulary.ITEM)
)
PREAMBLE = vocabulary.PREAMBLE_EID
# Numbered levels from the top; a citation lists them in this order or its reverse.
LEVELS = (CHAPTER, ARTICLE, PART, ITEM)
# The level a bracketed number after a level means: "Art. 2(1)" is article 2, part 1.
BRACKETED_LEVEL_BELOW = {ARTICLE: PART, PART: ITEM}
# The shapes an eid can take (articles are numbered through the law, so they never carry their chapter).
CITABLE_SHAPES = {(PREAMBLE,), (CHAPTER,), (ARTICLE,), (ARTICLE, PART), (ARTICLE, ITEM), (ARTICLE, PART, ITEM)}

NUMBER = vocabulary.PRINTED_NUMBER
NUMBER_RE = re.compile(NUMBER)
# Matches any number of any part: the level a reader may skip when citing "article 9, item 3".
OPTIONAL_PART_PATTERN = f"({vocabulary.SEPARATOR}{PART}_[0-9-]+)?"
RAW_EID_RE = re.compile(
    rf"{CHAPTER}_{NUMBER}|{ARTICLE}_{NUMBER}(?:__{PART}_{NUMBER})?(?:__{ITEM}_{NUMBER})?|{PREAMBLE}"
)

DASHES_TO_HYPHEN = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
# Readers without a Kazakh keyboard layout type the nearest Russian letters ("9-баптын 1-тармагы"), so both the
# query and the Kazakh vocabulary below are folded to them before comparing.
KAZAKH_TO_RUSSIAN_LETTERS = str.maketrans("қғңұүөә", "кгнууоа")
SPACED_HYPHEN_RE = re.compile(r"(?<=[0-9]) *- *(?=[0-9])")  # "9 - 1" → "9-1"
SUB_HYPHEN_RE = re.compile(r"\bsub-(?=para)")  # "sub-paragraph" → "subparagraph"

TOKEN_RE = re.compile(
    rf"(?P<number>{NUMBER})|(?P<word>[^\W\d_]+)|(?P<mark>[.,()\-])|(?P<space>\s+)|(?P<other>.)", re.DOTALL
)


def words_pattern(pattern):
    return re.compile(pattern.translate(KAZAKH_TO_RUSSIAN_LETTERS))


# Words written before their number: "Article 9", "ст. 9", "п. 1", "подпункт 3)".
WORDS_BEFORE_NUMBER = {
    CHAPTER: words_pattern(r"chapter|chap|ch|глав(?:а|ы|е|у|ой)|гл"),
    ARTICLE: words_pattern(r"article|art|стать(?:я|и|е|ю|ей|ёй)|ст"),
    PART: words_pattern(r"part|paragraph|para|пункт(?:а|у|ом|е)?|п"),
    ITEM: words_pattern(r"item|subparagraph|subpara|подпункт(?:а|у|ом|е)?|подп|пп"),
}
# Kazakh words written after their number, with their case endings: "9-бап", "2-баптың", "3) тармақшасы".
WORDS_AFTER_NUMBER = {
    CHAPTER: words_pattern(r"тарау(?:дың|ға|ды|да|дан|ы|ының|ына|ында|ын)?"),
    ARTICLE: words_pattern(r"бап(?:тың|қа|ты|та|тан)?|бабы(?:ның|на|нда|н)?"),
    PART: words_pattern(r"тармақ(?:тың|қа|ты|та|тан)?|тармағы(?:ның|на|нда|н)?"),
    ITEM: words_pattern(r"тармақша(?:ның|ға|ны|да|дан|сы|сының|сына|сында|сын)?"),
}
PREAMBLE_WORD_RE = words_pattern(r"preamble|преамбул(?:а|ы|е|у|ой|асы|асының|асына|асында)")
CONNECTOR_WORDS = {"of"}  # "item 20-1 of Article 9"


@dataclass(frozen=True)
class Citation:
    """A provision as cited: its levels top-down, e.g. (("art", "9"), ("para", "1"), ("subpara", "3"))."""

    segments: tuple[tuple[str, str], ...]

    def __post_init__(self):
        # eid_pattern() pastes the numbers into a regular expression; only well-formed segments are safe there.
        if not is_citable(self.segments):
            raise ValueError(f"not a citable provision: {self.segments!r}")

    def eid(self) -> str:
        """The provision's exact eid: "art_9__para_1__subpara_3", "chp_2", "preamble"."""
        return vocabulary.SEPARATOR.join(segment_eid(level, number) for level, number in self.segments)

    def eid_pattern(self) -> str:
        """An anchored regular expression for the eids this citation may mean.

        It is the exact eid, except that "article 9, item 3" also matches an item 3 inside any part of article 9,
        since readers often skip the part. Only literal text, [0-9-], (...)? and ^$ are used, so the same
        pattern works with Python's `re` and PostgreSQL's `~`.
        """
        if self.levels() == (ARTICLE, ITEM):
            article, item = (segment_eid(level, number) for level, number in self.segments)
            return f"^{article}{OPTIONAL_PART_PATTERN}{vocabulary.SEPARATOR}{item}$"
        return f"^{self.eid()}$"

    def label(self, language="en") -> str:
        """Words for lists of matches: "Article 9, part 1, item 3", "Chapter 2", "Preamble"."""
        return vocabulary.name(self.eid(), language)

    def levels(self) -> tuple[str, ...]:
        return tuple(level for level, _ in self.segments)


def segment_eid(level, number):
    return vocabulary.segment_eid(vocabulary.PREAMBLE, "") if level == PREAMBLE else f"{level}_{number}"


def is_citable(segments):
    if not isinstance(segments, tuple) or not all(
        isinstance(segment, tuple) and len(segment) == 2 and all(isinstance(part, str) for part in segment)
        for segment in segments
    ):
        return False
    if tuple(level for level, _ in segments) not in CITABLE_SHAPES:
        return False
    return all(
        number == "" if level == PREAMBLE else isinstance(number, str) and NUMBER_RE.fullmatch(number)
        for level, number in segments
    )


class NotACitation(Exception):
    """Raised inside the parser to give up; parse_citation turns it into None."""


# The words that tie a citation to a date: "Article 9 as of 1 January 2016", "ст. 9 на 01.01.2016",
# "ст. 9 по состоянию на 01.01.2016", "2016-01-01 9-бап", "9-бап 01.01.2016 жағдай бойынша".
AS_OF_RE = re.compile(
    r"\b(?:as\s+(?:of|at|in\s+force\s+on)|in\s+force\s+on|on|at|по\s+состоянию\s+на|в\s+редакции\s+на|на"
    r"|жағдай\w*\s+бойынша|күнгі|бойынша)\b",
    re.IGNORECASE,
)


def parse_dated_citation(query: str) -> tuple[Citation | None, object]:
    """(citation, date) for "Article 9 as of 1 January 2016" and its Russian and Kazakh forms; the date is None
    when the query names none, and the citation None when the query is words."""
    if not isinstance(query, str) or len(query.strip()) > MAX_QUERY_LENGTH:
        return None, None
    found = dates.find_dates(query)
    if len(found) == 1:
        rest = AS_OF_RE.sub(" ", query[: found[0].start] + " " + query[found[0].end :])
        citation = parse_citation(rest)
        if citation is not None:
            return citation, found[0].date
    return parse_citation(query), None


def parse_citation(query: str) -> Citation | None:
    """The citation the query names, or None when it is words (or anything else) for word search."""
    if not isinstance(query, str) or len(query.strip()) > MAX_QUERY_LENGTH:
        return None
    text = normalized(query)
    try:
        if RAW_EID_RE.fullmatch(text):
            return citation_from_raw_eid(text)
        return citation_from_tokens(tokens_of(text))
    except NotACitation:
        return None


def normalized(query):
    """Lower case, one kind of hyphen, no invisible characters, Kazakh letters folded, spaces trimmed."""
    text = unicodedata.normalize("NFKC", query.strip())
    # Soft hyphens, zero-width spaces and byte-order marks come along when text is copied from the official site.
    text = "".join(character for character in text if unicodedata.category(character) != "Cf")
    text = text.translate(DASHES_TO_HYPHEN).casefold().translate(KAZAKH_TO_RUSSIAN_LETTERS)
    text = SPACED_HYPHEN_RE.sub("-", text)
    return SUB_HYPHEN_RE.sub("sub", text).strip()


def citation_from_raw_eid(text):
    if text == PREAMBLE:
        return Citation(((PREAMBLE, ""),))
    segments = vocabulary.segments(text)  # RAW_EID_RE has matched: a well-formed eid
    return citation_from_mentions([Mention(vocabulary.EID_PREFIX[s.kind], s.number) for s in segments])


class Token(NamedTuple):
    kind: str  # "number", "word" or "mark"
    text: str


class Mention(NamedTuple):
    level: str
    number: str


def tokens_of(text):
    tokens = []
    for match in TOKEN_RE.finditer(text):
        if match.lastgroup == "other":
            raise NotACitation  # quotes, semicolons, emoji, control characters: not part of any citation
        if match.lastgroup != "space":
            tokens.append(Token(match.lastgroup, match.group()))
    return tokens


def citation_from_tokens(tokens):
    if is_preamble(tokens):
        return Citation(((PREAMBLE, ""),))
    return citation_from_mentions(MentionReader(tokens).read_all())


def is_preamble(tokens):
    words = tokens[:-1] if tokens and tokens[-1] == Token("mark", ".") else tokens
    return len(words) == 1 and words[0].kind == "word" and bool(PREAMBLE_WORD_RE.fullmatch(words[0].text))


class MentionReader:
    """Reads tokens as a list of mentions ("ст. 9" → (art, 9)), raising NotACitation on anything else.

    A mention is a word, an optional dot and a number ("Art.9", "подпункт 3)"), possibly followed by bracketed
    numbers for the levels below ("Art. 2(1)"); or, in Kazakh, a number and a word ("9-бап", "3) тармақшасы").
    Mentions may be separated by a comma or "of".
    """

    def __init__(self, tokens):
        self.tokens = tokens
        self.position = 0

    def read_all(self):
        mentions = self.read_mention()
        while self.position < len(self.tokens):
            self.take("mark", ",")
            self.take_connector_word()
            mentions.extend(self.read_mention())
        return mentions

    def read_mention(self):
        word = self.take("word")
        if word is not None:
            return self.read_word_then_number(word)
        number = self.take("number")
        if number is not None:
            return [self.read_number_then_word(number)]
        raise NotACitation

    def read_word_then_number(self, word):
        level = level_named(word, WORDS_BEFORE_NUMBER)
        self.take("mark", ".")
        mentions = [Mention(level, self.expect("number"))]
        self.take("mark", ")")  # items are printed "3)"
        while self.take("mark", "(") is not None:
            level = BRACKETED_LEVEL_BELOW.get(level)
            if level is None:
                raise NotACitation
            mentions.append(Mention(level, self.expect("number")))
            self.expect("mark", ")")
        self.take("mark", ".")
        return mentions

    def read_number_then_word(self, number):
        # "9-бап", "9 бап", "20-1) тармақшасы"
        if self.take("mark", "-") is None:
            self.take("mark", ")")
        level = level_named(self.expect("word"), WORDS_AFTER_NUMBER)
        self.take("mark", ".")
        return Mention(level, number)

    def take_connector_word(self):
        token = self.peek()
        if token is not None and token.kind == "word" and token.text in CONNECTOR_WORDS:
            self.position += 1

    def peek(self):
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, kind, text=None):
        """The next token's text if it is of this kind (and text), consuming it; else None."""
        token = self.peek()
        if token is None or token.kind != kind or (text is not None and token.text != text):
            return None
        self.position += 1
        return token.text

    def expect(self, kind, text=None):
        taken = self.take(kind, text)
        if taken is None:
            raise NotACitation
        return taken


def level_named(word, vocabularies):
    for level, pattern in vocabularies.items():
        if pattern.fullmatch(word):
            return level
    raise NotACitation


def citation_from_mentions(mentions):
    levels = [mention.level for mention in mentions]
    if any(level not in LEVELS for level in levels) or len(set(levels)) != len(levels):
        raise NotACitation
    depths = [LEVELS.index(level) for level in levels]
    if depths != sorted(depths) and depths != sorted(depths, reverse=True):
        raise NotACitation  # "item 3 of article 9, part 1": levels out of order
    numbers = {mention.level: printed_number(mention.number) for mention in mentions}
    if ARTICLE in numbers:
        numbers.pop(CHAPTER, None)  # "глава 2 статья 9" is article 9: articles are numbered through the law
    segments = tuple((level, numbers[level]) for level in LEVELS if level in numbers)
    if tuple(level for level, _ in segments) not in CITABLE_SHAPES:
        raise NotACitation  # a part or item with no article
    return Citation(segments)


def printed_number(number):
    """The number as the law prints it, without leading zeros ("09-01" → "9-1").

    Numbering starts at 1, so a zero is a typo rather than a provision.
    """
    pieces = [piece.lstrip("0") for piece in number.split("-")]
    if not NUMBER_RE.fullmatch(number) or not all(pieces):
        raise NotACitation
    return "-".join(pieces)
