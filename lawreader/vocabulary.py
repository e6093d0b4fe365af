"""The law's vocabulary: kinds of provision, the eid grammar, and how a provision is named and cited in English,
Russian and Kazakh. Pure Python (no Django): the parser, the diff, citations, the store, pages and tests all use
it, and nothing else splits or builds an eid.

Eids follow Akoma Ntoso: one segment per level, joined by "__" — `chp_2`, `art_9-1`, `art_2__para_1__subpara_3`,
`art_9__subpara_20-1__text_1`, `preamble`, `chp_3__subchp_1`. Articles are numbered through the whole law, so an
article's eid does not carry its chapter's: an eid starts afresh at a section, chapter or article — within its
attachment, whose eid it keeps (`att_1__art_3` is article 3 of the attached agreement).
"""

import functools
import re
from dataclasses import dataclass

# Kinds of provision, as stored. A numbered part ("1.") is Akoma Ntoso's paragraph, an item ("1)") its
# subparagraph; readers call them parts and items.
DOCUMENT = "document"
PREAMBLE = "preamble"
ATTACHMENT = "attachment"  # an attached document or appendix: an agreement a law ratifies, "Приложение 1"
DIVISION = "division"  # a code's unnumbered halves: "ОБЩАЯ ЧАСТЬ", "ЕРЕКШЕ БӨЛІМ" (Akoma Ntoso's part)
SECTION = "section"  # "Раздел 2", "2-бөлім"
SUBSECTION = "subsection"  # "Подраздел 1"
CHAPTER = "chapter"
SUBCHAPTER = "subchapter"  # "Параграф 1", "§ 1": a chapter's subdivision
ARTICLE = "article"
PART = "paragraph"
ITEM = "subparagraph"
TEXT = "text"  # an unnumbered paragraph
KINDS = (DOCUMENT, PREAMBLE, ATTACHMENT, DIVISION, SECTION, SUBSECTION, CHAPTER, SUBCHAPTER, ARTICLE, PART, ITEM, TEXT)
# The units that group articles, outermost first; with articles, the units a contents lists.
GROUPING_KINDS = (ATTACHMENT, DIVISION, SECTION, SUBSECTION, CHAPTER, SUBCHAPTER)
HEADED_KINDS = (*GROUPING_KINDS, ARTICLE)
# Units the text names by their heading alone: their numbers are only our count.
UNNUMBERED_KINDS = (ATTACHMENT, DIVISION)
NUMBERED_KINDS = (*HEADED_KINDS, PART, ITEM)

SEPARATOR = "__"
PREAMBLE_EID = "preamble"
EID_PREFIX = {
    ATTACHMENT: "att",
    DIVISION: "part",
    SECTION: "sec",
    SUBSECTION: "subsec",
    CHAPTER: "chp",
    SUBCHAPTER: "subchp",
    ARTICLE: "art",
    PART: "para",
    ITEM: "subpara",
    TEXT: "text",
}
KIND_OF_PREFIX = {prefix: kind for kind, prefix in EID_PREFIX.items()}
# Units numbered through the whole law (or through one attachment): their eids do not carry their parents'.
STARTS_AFRESH = {ATTACHMENT, DIVISION, SECTION, CHAPTER, ARTICLE}
# "9-1" as printed; "_2" marks the second unit printed with the same number (official texts have a few).
PRINTED_NUMBER = r"[0-9]+(?:-[0-9]+)*"
# An act's registration number as printed: "277-IV", "2529", "36-VI" (a convocation's roman numeral, sometimes in
# Cyrillic look-alikes: "553-ІV").
ACT_NUMBER = r"\d+(?:-(?:[IVXLCІХ]+|\d+))?"
NUMBER = rf"{PRINTED_NUMBER}(?:_[0-9]+)?"
SEGMENT_RE = re.compile(rf"(?P<prefix>{'|'.join(EID_PREFIX.values())})_(?P<number>{NUMBER})")


@dataclass(frozen=True)
class Segment:
    kind: str
    number: str  # as printed ("9-1"); for an unnumbered paragraph, its place among its siblings


def segment_eid(kind, number=""):
    """One level's part of an eid: "art_9-1", "text_2", "preamble"."""
    return PREAMBLE_EID if kind == PREAMBLE else f"{EID_PREFIX[kind]}_{number}"


def eid_prefix(kind):
    """What every eid of a top-level provision of `kind` starts with: "art_"."""
    return f"{EID_PREFIX[kind]}_"


def child_eid(parent_eid, kind, number=""):
    """The eid of a provision of `kind` and `number` under the provision `parent_eid` ("" for the document)."""
    own = segment_eid(kind, number)
    if kind == PREAMBLE or not parent_eid:
        return own
    if kind in STARTS_AFRESH:
        scope = attachment_of(parent_eid)
        return f"{scope}{SEPARATOR}{own}" if scope and kind != ATTACHMENT else own
    return f"{parent_eid}{SEPARATOR}{own}"


def attachment_of(eid):
    """The eid of the attachment `eid` is in (or is), or "" in the law's own text."""
    top = eid.partition(SEPARATOR)[0]
    return top if top.startswith(eid_prefix(ATTACHMENT)) else ""


def segments(eid):
    """The eid's levels top-down, or None when it is not a well-formed eid."""
    if eid == PREAMBLE_EID:
        return (Segment(PREAMBLE, ""),)
    parsed = []
    for raw in eid.split(SEPARATOR) if eid else ():
        match = SEGMENT_RE.fullmatch(raw)
        if match is None:
            return None
        parsed.append(Segment(KIND_OF_PREFIX[match["prefix"]], match["number"]))
    return tuple(parsed) or None


def parent_eid(eid):
    """The enclosing provision's eid within the same numbering ("" at the top: a chapter, article or preamble)."""
    return eid.rpartition(SEPARATOR)[0]


def last_segment(eid):
    """What identifies a provision among its siblings: "subpara_3" of "art_2__para_1__subpara_3"."""
    return eid.rpartition(SEPARATOR)[2]


def outermost(eid):
    """The eid of the outermost provision `eid` is in (or is): its article, chapter, attachment or the preamble."""
    return eid.partition(SEPARATOR)[0]


def article_of(eid):
    """The eid of the article `eid` is in (or is), or None outside articles."""
    top = outermost(eid)
    return top if top.startswith(eid_prefix(ARTICLE)) else None


def kind_of(eid):
    """The kind of provision an eid names, or None when it is not well formed."""
    parsed = segments(eid)
    return parsed[-1].kind if parsed else None


def enclosing(eid, kind):
    """The eid of the provision of `kind` that `eid` is in (or is) — "att_1__art_3" for "att_1__art_3__para_2" —
    or ""."""
    pieces = eid.split(SEPARATOR)
    for length in range(len(pieces), 0, -1):
        candidate = SEPARATOR.join(pieces[:length])
        if kind_of(candidate) == kind:
            return candidate
    return ""


def is_within(eid, ancestor):
    """Is `eid` the provision `ancestor` or one inside it?"""
    return eid == ancestor or eid.startswith(ancestor + SEPARATOR)


# Names of single provisions: "Article 9-1", "item 20-1".
LABELS = {
    "en": {
        PREAMBLE: "Preamble",
        ATTACHMENT: "Attachment {}",
        DIVISION: "Part {}",
        SECTION: "Section {}",
        SUBSECTION: "Subsection {}",
        CHAPTER: "Chapter {}",
        SUBCHAPTER: "§ {}",
        ARTICLE: "Article {}",
        PART: "part {}",
        ITEM: "item {}",
        TEXT: "paragraph",
    },
    "ru": {
        PREAMBLE: "Преамбула",
        ATTACHMENT: "Приложение {}",
        DIVISION: "Часть {}",
        SECTION: "Раздел {}",
        SUBSECTION: "Подраздел {}",
        CHAPTER: "Глава {}",
        SUBCHAPTER: "Параграф {}",
        ARTICLE: "Статья {}",
        PART: "пункт {}",
        ITEM: "подпункт {})",
        TEXT: "часть",
    },
    "kk": {
        PREAMBLE: "Преамбула",
        ATTACHMENT: "{}-қосымша",
        DIVISION: "{}-бөлік",
        SECTION: "{}-бөлім",
        SUBSECTION: "{}-кіші бөлім",
        CHAPTER: "{}-тарау",
        SUBCHAPTER: "{}-параграф",
        ARTICLE: "{}-бап",
        PART: "{}-тармақ",
        ITEM: "{}) тармақша",
        TEXT: "бөлік",
    },
}
# Names of a provision within its article, top-down ("Article 9, part 1, item 3"; Russian "статья 9, пункт 1").
PATH_WORDS = {
    "en": {
        ATTACHMENT: "attachment {}",
        DIVISION: "part {}",
        SECTION: "section {}",
        SUBSECTION: "subsection {}",
        CHAPTER: "Chapter {}",
        SUBCHAPTER: "§ {}",
        ARTICLE: "Article {}",
        PART: "part {}",
        ITEM: "item {}",
        TEXT: "paragraph {}",
    },
    "ru": {
        ATTACHMENT: "приложение {}",
        DIVISION: "часть {}",
        SECTION: "раздел {}",
        SUBSECTION: "подраздел {}",
        CHAPTER: "глава {}",
        SUBCHAPTER: "параграф {}",
        ARTICLE: "статья {}",
        PART: "пункт {}",
        ITEM: "подпункт {})",
        TEXT: "часть {}",
    },
}
# How lawyers cite them: "Art. 9, item 20-1"; Russian "ст. 9 п. 1 пп. 3". Unnumbered paragraphs are cited by the
# provision they belong to.
CITATION_WORDS = {
    "en": (
        {
            ATTACHMENT: "Att. {}",
            DIVISION: "Pt. {}",
            SECTION: "Sec. {}",
            SUBSECTION: "Subsec. {}",
            CHAPTER: "Ch. {}",
            SUBCHAPTER: "§ {}",
            ARTICLE: "Art. {}",
            PART: "para. {}",
            ITEM: "item {}",
        },
        ", ",
    ),
    "ru": (
        {
            ATTACHMENT: "прил. {}",
            DIVISION: "ч. {}",
            SECTION: "разд. {}",
            SUBSECTION: "подразд. {}",
            CHAPTER: "гл. {}",
            SUBCHAPTER: "§ {}",
            ARTICLE: "ст. {}",
            PART: "п. {}",
            ITEM: "пп. {}",
        },
        " ",
    ),
}
# Kazakh names a provision bottom-up through genitives: "9-баптың 1-тармағының 3) тармақшасы". Per kind: the
# number's form, then the word as the first of several levels (genitive), as a middle one (possessive genitive),
# and as the last (possessive).
KAZAKH_FORMS = {
    ATTACHMENT: ("{}-", "қосымшаның", "қосымшасының", "қосымшасы"),
    DIVISION: ("{}-", "бөліктің", "бөлігінің", "бөлігі"),
    SECTION: ("{}-", "бөлімнің", "бөлімінің", "бөлімі"),
    SUBSECTION: ("{}-", "кіші бөлімнің", "кіші бөлімінің", "кіші бөлімі"),
    SUBCHAPTER: ("{}-", "параграфтың", "параграфының", "параграфы"),
    CHAPTER: ("{}-", "тараудың", "тарауының", "тарауы"),
    ARTICLE: ("{}-", "баптың", "бабының", "бабы"),
    PART: ("{}-", "тармақтың", "тармағының", "тармағы"),
    ITEM: ("{}) ", "тармақшаның", "тармақшасының", "тармақшасы"),
    TEXT: ("{}-", "бөліктің", "бөлігінің", "бөлігі"),
}


def label(kind, number, language="en"):
    """A single provision's name: "Article 9-1", "item 20-1", "Статья 9", "9-бап"; "" for the document."""
    form = LABELS.get(language, LABELS["en"]).get(kind)
    return form.format(number) if form else ""


def name(eid, language="en"):
    """A provision named by its place in the law: "Article 9, part 1, item 3", "Статья 9, пункт 1",
    "9-баптың 1-тармағы". An eid that is not well formed is returned as it is."""
    parsed = segments(eid)
    if parsed is None:
        return eid
    if parsed[0].kind == PREAMBLE:
        return label(PREAMBLE, "", language)
    if language == "kk":
        return kazakh_chain(parsed)
    words = PATH_WORDS.get(language, PATH_WORDS["en"])
    text = ", ".join(words[segment.kind].format(segment.number) for segment in parsed)
    return text[:1].upper() + text[1:]


@functools.lru_cache(maxsize=100_000)  # pages cite every provision they show; eids repeat across editions
def citation(eid, language="en"):
    """The short form a lawyer writes: "Art. 9, item 20-1", "ст. 9 пп. 20-1", "9-баптың 20-1) тармақшасы"."""
    parsed = segments(eid)
    if parsed is None:
        return eid
    if parsed[0].kind == PREAMBLE:
        return label(PREAMBLE, "", language)
    numbered = tuple(segment for segment in parsed if segment.kind != TEXT)
    if language == "kk":
        return kazakh_chain(numbered)
    words, joiner = CITATION_WORDS.get(language, CITATION_WORDS["en"])
    return joiner.join(words[segment.kind].format(segment.number) for segment in numbered)


def kazakh_chain(parsed):
    if len(parsed) == 1:
        return label(parsed[0].kind, parsed[0].number, "kk")
    words = []
    for position, segment in enumerate(parsed):
        number_form, first, middle, last = KAZAKH_FORMS[segment.kind]
        word = first if position == 0 else last if position == len(parsed) - 1 else middle
        words.append(number_form.format(segment.number) + word)
    return " ".join(words)


ACT_NUMBER_RE = re.compile(rf"(?:No\.|№|N)?\s*(?P<number>{ACT_NUMBER})")


def act_number_key(number):
    """One spelling of an act's number for comparing: "No. 277-ІV" and "№277-IV" → "277-IV"; "" for what is not
    an act's number ("No. 1-T")."""
    found = ACT_NUMBER_RE.fullmatch((number or "").strip())
    return found["number"].upper().translate(str.maketrans("ІХ", "IX")) if found else ""


@functools.lru_cache(maxsize=4096)
def number_key(number):
    """'9-1' → (9, 1): inserted numbers sort right after the number they extend ("9_2", a number printed twice,
    right after the first)."""
    return tuple(int(part) for part in re.split(r"[-_]", number) if part.isdigit())


def order_key(eid):
    """Sorts eids by kind, then by number as the law counts ("art_2" before "art_13", "art_9" before "art_9-1"):
    the law's order for provisions of one kind, such as the articles an act amended; unknown eids last."""
    parsed = segments(eid)
    if parsed is None:
        return ((len(KINDS), (), eid),)
    return tuple((KINDS.index(segment.kind), number_key(segment.number), "") for segment in parsed)
