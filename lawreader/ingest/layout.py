"""What one line of an official statute text is: a heading, a numbered part or item, a note, part of the signature.

Pure Python, no Django. Kazakhstan's legal information system publishes its texts in Russian and Kazakh (and we
write our English the same way) in a handful of layouts that differ from law to law and decade to decade:
headings as Markdown (`## Глава 2.`, `### Статья 9.`) or as plain lines, with or without a dot or a title, glued
to their title ("Глава 1Основные положения"), numbered in arabic, roman ("Раздел ХVI" with a Cyrillic Х) or
words ("РАЗДЕЛ ПЕРВЫЙ"); Kazakh puts the number first ("2-тарау", "I тарау", "10-бап"). This module knows those
forms; `parser` decides what they mean in context.
"""

import re
from dataclasses import dataclass

from lawreader import dates
from lawreader.vocabulary import ARTICLE, ATTACHMENT, CHAPTER, DIVISION, SECTION, SUBCHAPTER, SUBSECTION

SOFT_HYPHEN = "\u00ad"
# Latin "i" typed inside Kazakh words where the Cyrillic "і" belongs.
LATIN_I_IN_CYRILLIC_RE = re.compile(r"(?<=[\u0400-\u04ff])[iI]|[iI](?=[\u0400-\u04ff])")
MARKDOWN_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")


# Latin letters typed inside Russian words where their Cyrillic look-alikes belong ("Утpатил" with a Latin p).
LATIN_IN_CYRILLIC_RE = re.compile(r"(?<=[а-яёА-ЯЁ])[aceopxyACEHKMOPTX]|[aceopxyACEHKMOPTX](?=[а-яёА-ЯЁ])")
LATIN_TO_CYRILLIC = str.maketrans("aceopxyACEHKMOPTX", "асеорхуАСЕНКМОРТХ")


def fold_lookalikes(text):
    """`text` with Latin look-alike letters inside Cyrillic words made Cyrillic: for matching words, not for
    storing (the official text keeps its letters)."""
    return LATIN_IN_CYRILLIC_RE.sub(lambda match: match.group().translate(LATIN_TO_CYRILLIC), text)


def normalize(text, language):
    """One paragraph as stored: invisible characters gone, runs of spaces one space."""
    text = text.replace(SOFT_HYPHEN, "").replace("\u00a0", " ").replace("\ufeff", "")
    if language == "kk":
        text = LATIN_I_IN_CYRILLIC_RE.sub(lambda match: "і" if match.group() == "i" else "І", text)
    return " ".join(text.split())  # runs of whitespace one space, none at either end


# --- numbers -------------------------------------------------------------------------------------------------

ARABIC = r"\d+(?:\s?-\s?\d+)*"
# Roman numerals as printed, with the Cyrillic and Kazakh look-alikes the official texts use (Х, І; Ү and У for V).
# Capitals only, so a title glued on in capitals is not read as part of its number.
ROMAN = r"(?-i:[IVXLCІХҮУ]+)"
LOOKALIKE_TO_LATIN = str.maketrans({"І": "I", "Х": "X", "Ү": "V", "У": "V"})
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "M": 1000}
ORDINAL_WORDS = {
    word: value
    for value, words in enumerate(
        (
            ("первый", "первая", "бірінші"),
            ("второй", "вторая", "екінші"),
            ("третий", "третья", "үшінші"),
            ("четвертый", "четвёртый", "четвертая", "төртінші"),
            ("пятый", "пятая", "бесінші"),
            ("шестой", "шестая", "алтыншы"),
            ("седьмой", "седьмая", "жетінші"),
            ("восьмой", "восьмая", "сегізінші"),
            ("девятый", "девятая", "тоғызыншы"),
            ("десятый", "десятая", "оныншы"),
            ("одиннадцатый", "он бірінші"),
            ("двенадцатый", "он екінші"),
            ("тринадцатый", "он үшінші"),
            ("четырнадцатый", "он төртінші"),
            ("пятнадцатый", "он бесінші"),
        ),
        start=1,
    )
    for word in words
}
ORDINAL = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))


def roman_value(text):
    """'XIV' → 14; None when `text` is not a well-formed roman numeral (look-alike letters read as Latin)."""
    latin = text.upper().translate(LOOKALIKE_TO_LATIN)
    if not latin or any(letter not in ROMAN_VALUES for letter in latin):
        return None
    total = 0
    for letter, following in zip(latin, latin[1:] + " ", strict=True):
        value = ROMAN_VALUES[letter]
        total += -value if following != " " and ROMAN_VALUES[following] > value else value
    return total if to_roman(total) == latin else None


def to_roman(value):
    digits = []
    for symbol, amount in (
        ("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90),
        ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1),
    ):  # fmt: skip
        count, value = divmod(value, amount)
        digits.append(symbol * count)
    return "".join(digits)


def printed_number(raw):
    """(number as shown, number for the eid): '9 - 1' → ('9-1', '9-1'); 'ХVI' → ('XVI', '16');
    'ПЕРВЫЙ' → ('1', '1'). None when `raw` is not a number."""
    raw = raw.strip()
    if re.fullmatch(ARABIC, raw):
        number = re.sub(r"\s", "", raw)
        return number, number
    value = roman_value(raw)
    if value is not None:
        return raw.upper().translate(LOOKALIKE_TO_LATIN), str(value)
    value = ORDINAL_WORDS.get(raw.lower())
    if value is not None:
        return str(value), str(value)
    return None


# --- headings ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    kind: str
    number: str  # as shown: "9-1", "XVI"
    eid_number: str  # arabic: "9-1", "16"
    title: str
    last_number: str = ""  # a range of units ("Статьи 37-61 исключены"): the last number; "" for one unit


# Words that open a heading, by kind (matched without regard to case).
HEADING_WORDS = {
    SECTION: r"раздел|section",
    SUBSECTION: r"подраздел|subsection",
    CHAPTER: r"глава|chapter",
    SUBCHAPTER: r"параграф|§",
    ARTICLE: r"статья|article",
}
# Kazakh puts the number first: "2-тарау", "I тарау", "10-бап", "1-параграф", "2-бөлім".
KAZAKH_HEADING_WORDS = {
    SECTION: r"бөлім",
    SUBSECTION: r"кіші\s?бөлім",
    CHAPTER: r"тарау",
    SUBCHAPTER: r"параграф",
    ARTICLE: r"бап",
}
CAPITAL = "[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]"
NUMBER_FORM = rf"(?:{ARABIC}|{ROMAN}|{ORDINAL})"
# After the number: a dot or not, then the title — separated by a space, or glued to it ("Глава 1Основные").
TITLE_AFTER = r"(?:(?P<dot>\s*\.)(?!\d)|(?=\s)|(?=[^\W\d_])|$)\s*(?P<title>.*)$"
WORD_FIRST_RE = {
    kind: re.compile(rf"^(?:{words})\s*(?P<num>{NUMBER_FORM}){TITLE_AFTER}", re.IGNORECASE)
    for kind, words in HEADING_WORDS.items()
}
NUMBER_FIRST_RE = {
    kind: re.compile(
        # The title may be glued on, in capitals: "2-бапОртақ міндеттемелер", "I-бапАНЫҚТАМАЛАР".
        rf"^(?P<num>{ARABIC}|{ROMAN})\s*-?\s*(?:{words})(?:(?!\w)|(?=(?-i:{CAPITAL})))\s*(?P<dot>\.)?\s*(?P<title>.*)$",
        re.IGNORECASE,
    )
    for kind, words in KAZAKH_HEADING_WORDS.items()
}
# A range of articles excluded together: "Статьи 37-61 исключены", "37-61-баптар. Алынып тасталды".
ARTICLE_RANGE_RE = re.compile(
    r"^(?:(?:статьи|articles)\s*(?P<first>\d+(?:-\d+)?)\s*(?:[-–—]|по|to)\s*(?P<last>\d+(?:-\d+)?)"
    r"|(?P<kkfirst>\d+)\s*[-–—]\s*(?P<kklast>\d+)\s*-\s*баптар)\s*\.?\s*(?P<title>.*)$",
    re.IGNORECASE,
)
# A code's halves, printed as a line of their own: "ОБЩАЯ ЧАСТЬ", "Ерекше бөлім", "GENERAL PART".
CODE_HALF_RE = re.compile(
    r"^(?:общая|особенная|жалпы|ерекше|general|special)\s+(?:часть|бөлім|part)\.?$", re.IGNORECASE
)
# A Markdown heading with a number and no word: "## 1. ОБЩИЕ ПОЛОЖЕНИЯ" is a chapter.
# (Roman numbers of I, V and X only: "С. Прекурсоры" is a list's letter, not chapter C.)
BARE_NUMBERED_HEADING_RE = re.compile(rf"^(?P<num>{ARABIC}|[IVXІХҮ]+)\s*\.\s*(?P<title>\S.*)$")
# An attached document's heading line: "Приложение 1 к Закону …", "Заңына 2-қосымша", "Annex".
ATTACHMENT_RE = re.compile(
    r"^(?:приложение|appendix|annex|schedule)(?:\s*(?:№|N)?\s*\d+)?\.?(?:\s+(?:к|to)\s+\S.*)?$"
    r"|^\S.{0,200}\s\d*-?қосымша(?:сы)?$",
    re.IGNORECASE,
)
# A heading word with no usable number after it ("Статья . Title", "Article X"): a heading misprinted.
NUMBERLESS_HEADING_RE = re.compile(
    r"^(?:глава|chapter|статья|article|раздел|section)(?:\s*\.?\s*$|\s*\.\s|\s+[^\W\d][^\s.]*\.?$)", re.IGNORECASE
)
# The title of another document attached after the first (a protocol after the agreement, the convention after the
# final act): Russian and English put the document's name first in capitals, Kazakh puts it last.
DOCUMENT_TITLE_RE = re.compile(
    r"^(?-i:СОГЛАШЕНИЕ|ПРОТОКОЛ|КОНВЕНЦИЯ|ДОГОВОР|МЕМОРАНДУМ|AGREEMENT|PROTOCOL|CONVENTION|TREATY)"
    r"|(?:келісім|келісімі|хаттама|хаттамасы|конвенция|конвенциясы|шарт|шарты)$",
    re.IGNORECASE,
)
# A heading that names a part of a document rather than a unit: the attached treaty's "Преамбула".
PREAMBLE_HEADING_RE = re.compile(r"^(?:преамбула|кіріспе|preamble)\.?$", re.IGNORECASE)
# How long a title may be before the line is an article's first sentence with its heading inline
# ("Статья 1. Внести в Закон … следующие изменения:").
LONGEST_SENTENCE_TITLE = 30


# What every heading starts with (or, for a Kazakh annex, ends with): most paragraphs are rejected by this alone.
HEADING_START_RE = re.compile(
    rf"^(?:(?:{'|'.join(HEADING_WORDS.values())}|статьи|articles|приложение|appendix|annex|schedule"
    r"|общая|особенная|жалпы|ерекше|general|special)(?![^\W\d_])"
    rf"|(?:{ARABIC}|{ROMAN})\s*-?\s*(?:{'|'.join(KAZAKH_HEADING_WORDS.values())}|\d+\s*-\s*баптар))",
    re.IGNORECASE,
)


def heading_of(text, markdown_level=0):
    """The heading `text` is, or None. Quoted text never is (an amendment quotes the articles it inserts), nor a
    sentence that starts by naming a unit ("Статья 5 настоящего Закона …", "10-бап бойынша …")."""
    if text[:1] in QUOTES:
        return None
    if markdown_level < 2 and not HEADING_START_RE.match(text) and not text.lower().endswith(("қосымша", "қосымшасы")):
        return None
    heading = unit_heading(text, markdown_level)
    if heading is not None and heading.title[:1].islower() and not EXCLUDED_RE.match(heading.title):
        return None
    return heading


# What an excluded or lapsed unit says in place of its text.
EXCLUDED_RE = re.compile(r"^\(?\s*(?:исключ|утрат|алып\s*тасталды|күшін\s*жой|excluded|repealed)", re.IGNORECASE)


def unit_heading(text, markdown_level):
    matched = ARTICLE_RANGE_RE.match(text)
    if matched:
        first = matched["first"] or matched["kkfirst"]
        last = matched["last"] or matched["kklast"]
        return Heading(ARTICLE, first, first, matched["title"].strip(), last_number=last)
    for patterns in (WORD_FIRST_RE, NUMBER_FIRST_RE):
        for kind, pattern in patterns.items():
            matched = pattern.match(text)
            if matched:
                number, title = glued_roman(matched["num"], matched["title"].strip())
                # Without a dot after the number, a plain line that goes on into a sentence is a sentence that
                # names a unit ("Глава 5 Кодекса устанавливает …"), not its heading.
                undotted_sentence = not markdown_level and not matched.groupdict().get("dot") and is_sentence(title)
                if number is not None and not undotted_sentence:
                    return Heading(kind, *number, title)
    if markdown_level >= 2:
        matched = BARE_NUMBERED_HEADING_RE.match(text)
        if matched and printed_number(matched["num"]):
            return Heading(CHAPTER, *printed_number(matched["num"]), matched["title"].strip())
    if CODE_HALF_RE.match(text):
        return Heading(DIVISION, "", "", text)
    if ATTACHMENT_RE.match(text) and len(text) <= 300:
        return Heading(ATTACHMENT, "", "", text)
    return None


def glued_roman(raw, title):
    """(printed number, title) — a roman number glued to a title in capitals takes the title's first letter when
    it is a look-alike ("Глава IIIСпециальные": С is not part of III), so give letters back until it reads."""
    number = printed_number(raw)
    for cut in range(len(raw) - 1, 0, -1):
        if number is not None:
            break
        if re.fullmatch(ROMAN, raw[:cut]):
            number, title = printed_number(raw[:cut]), raw[cut:] + title
    return number, title


def is_sentence(title):
    """A heading's rest that is the unit's first sentence, not its title."""
    return title.endswith(":") or (title.endswith((".", ";")) and len(title) > LONGEST_SENTENCE_TITLE)


# --- parts, items, ranges ------------------------------------------------------------------------------------

NUMBER = r"\d+(?:-\d+)*"
# "1." and not "1.1." (a decimal point number stays its paragraph's text, as printed).
PART_RE = re.compile(rf"^(?P<num>{NUMBER})\s?\.(?!\d)\s*(?P<text>\S.*)$")
ITEM_RE = re.compile(rf"^(?P<num>{NUMBER})\s?\)\s*(?P<text>\S.*)$")
# After an item's number, words that make it a reference rather than an item: Kazakh names a sub-item after its
# number ("2) тармақшада:", "4), 7) және 12) тармақшалар алып тасталсын;").
ITEM_REFERENCE_RE = re.compile(r"^(?:[,–—-]|және\b|мен\b|тармақша)", re.IGNORECASE)
# Items excluded together: "39)- 41) (исключены)", "7) - 9) алып тасталды".
ITEM_RANGE_RE = re.compile(rf"^(?P<first>{NUMBER})\)\s*[-–—]\s*(?P<last>{NUMBER})\)\s*(?P<text>.*)$")


# --- notes and the closing block -----------------------------------------------------------------------------

# Footnotes in any case and with the Latin look-alike "C": "Сноска.", "Cноска.", "ЕСКЕРТУ.", "Footnote."
FOOTNOTE_RE = re.compile(r"^(?:[СC]носка|Ескерту|Footnote)\s*[.:№]\s*(?P<text>.*)$", re.IGNORECASE)  # "№": a misprint
PUBLISHER_NOTE_RE = re.compile(
    r"^(?P<marker>Примечание\s+(?:РЦПИ|ИЗПИ)|(?:РҚАО|ЗҚАИ)-ның\s+ескертпесі|Note\s+of\s+(?:RCLI|ILLI))\s*!\s*"
    r"(?P<text>.*)$",
    re.IGNORECASE,
)
# After the signature only: the publisher's remark on an attached text ("Примечание. Текст международного
# Соглашения … не является официальным") and the proofreaders' names ("Оқығандар: …").
CLOSING_NOTE_RE = re.compile(r"^(?P<marker>Примечание|Ескерту|Note|Оқығандар|Прочитали)\s*[.:!]\s*(?P<text>.*)$")
PRESIDENT = (
    r"Президент\s*(?:Республики\s*Казахстан|Казахской\s*(?:ССР|Советской\s*Социалистической\s*Республики))?"
    r"|(?:Қазақстан\s*Республикасының|Қазақ\s*(?:ССР-інің|Кеңестік\s*Социалистік\s*Республикасының))?\s*Президенті"
    r"|President(?:\s+of\s+the\s+Republic\s+of\s+Kazakhstan)?"
)
# The signatory's initials and name: "Н. Назарбаев", "Н.НАЗАРБАЕВ", "Қ. ТОҚАЕВ".
NAME = r"(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.\s?){1,2}[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+"
# The signature opens with the President's title (and perhaps the name), on its own line, split over two, or glued
# to the last sentence ("…со дня опубликования.ПрезидентРеспублики Казахстан").
SIGNATURE_START_RE = re.compile(rf"^(?:{PRESIDENT})(?:\s*{NAME})?$")
SIGNATURE_FIRST_HALF_RE = re.compile(r"^(?:Президент|Қазақстан\s*Республикасының|Қазақ КСР-інің)$")
SIGNATURE_SECOND_HALF_RE = re.compile(rf"^(?:Республики\s*Казахстан|Президенті)(?:\s*{NAME})?$")
SIGNATURE_GLUED_RE = re.compile(rf"(?<=[^\W\d_][.;!])\s*(?=(?:{PRESIDENT})(?:\s*{NAME})?$)")


def glued_signature(text):
    """Where the signature glued to the text's last sentence starts, or None."""
    # Every form of the title has one of these words: the costly search is run only on a text that holds one.
    if "Президент" not in text and "President" not in text:
        return None
    return SIGNATURE_GLUED_RE.search(text)


# What follows the title in a signature: the name, the place, the date, the number.
SIGNATURE_LINE_RE = re.compile(
    rf"^{NAME}$"
    r"|^(?:г\.\s*)?(?:Алматы|Астана|Акмола|Нур-Султан|Нұр-Сұлтан)(?:,\s*\S+)?(?:\s+\S+){0,6}$"  # place (and date)
    r"|^\d{1,2}\s+\S+\s+\d{4}\s*(?:года|г\.|жыл)?.{0,20}$|^\d{4}\s*жылғы\s+\d{1,2}\s+\S+$"  # date
    r"|^(?:№|N)\s*\S+(?:\s+\S+){0,2}$",  # number
    re.IGNORECASE,
)

QUOTES = '«"“„'
TABLE_OF_CONTENTS_MARKERS = {"содержание", "оглавление", "мазмұны", "contents", "table of contents"}


def is_quotation_start(text):
    """A paragraph that opens a quotation running into the next ones (an amendment quoting inserted text)."""
    return text[:1] in QUOTES and quotation_change(text) > 0


STRAIGHT_QUOTE_END_RE = re.compile(r'"\s*[.;,:)]*$')


def closes_quotation(text):
    """Does this paragraph, read inside a quotation, close it? Guillemets and curly quotes are counted; straight
    quotes cannot tell opening from closing, so an odd number of them closes, and so does a paragraph ending in
    one (a stray quote in an official text then costs a paragraph, not the rest of the law)."""
    change = quotation_change(text)
    if change:
        return change < 0 or not any(quote in text for quote in "«“„")
    return "«" not in text and bool(STRAIGHT_QUOTE_END_RE.search(text))


def quotation_change(text):
    """+1 when `text` leaves a quotation open, -1 when it closes one, 0 when its quotes are balanced. Guillemets
    and curly quotes nest; straight quotes can only be paired, so an odd number of them opens or closes."""
    angled = text.count("«") - text.count("»")
    if angled:
        return 1 if angled > 0 else -1
    # Russian and Kazakh open with „ and close with “; English opens with “ and closes with ”.
    low = text.count("„")
    opened, closed = (low, text.count("“") + text.count("”")) if low else (text.count("“"), text.count("”"))
    if opened != closed:
        return 1 if opened > closed else -1
    return text.count('"') % 2


# --- what the text says about itself -------------------------------------------------------------------------

ACT_NUMBER_RE = re.compile(r"(?:№|\bN|\bNo\.)\s*(?P<number>\d+(?:-(?:[IVXLCІХ]+|\d+))?)")


def stated_date(text):
    """The first date `text` states ("22 мая 2010 года", "2010 жылғы 22 мамыр", "22.05.2010"), or None."""
    found = dates.find_dates(text)
    return found[0].date if found else None


def stated_number(text):
    """The act's number as printed after "№" or "N": "277-IV"."""
    matched = ACT_NUMBER_RE.search(text)
    return matched["number"] if matched else ""


KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def detect_language(text):
    """ "kk", "ru" or "en", by the letters of the text's first 20,000 characters."""
    sample = text[:20_000]
    cyrillic = sum(1 for character in sample if "\u0400" <= character <= "\u04ff")
    latin = sum(1 for character in sample if character.isascii() and character.isalpha())
    if cyrillic <= latin:
        return "en"
    kazakh = sum(1 for character in sample if character in KAZAKH_LETTERS)
    return "kk" if kazakh > cyrillic * 0.005 else "ru"
