"""What an official footnote says about the acts that changed the law: which act, when it came into force, what it
did to which provision.

Pure Python, no Django. Kazakhstan's footnotes follow fixed formulas in each language:

    Сноска. Статья 9 с изменениями, внесенными законами РК от 13.02.2012 № 553-IV (вводится в действие по истечении
    десяти календарных дней после его первого официального опубликования); от 24.11.2015 № 419-V (вводится в
    действие с 01.01.2016).
    Ескерту. 9-бапқа өзгерістер енгізілді - ҚР 2012.02.13 № 553-IV (…), 24.11.2015 № 419-V (01.01.2016 бастап
    қолданысқа енгізіледі) Заңдарымен.
    Footnote. Chapter 2 is supplemented by Article 9-1 in accordance with Law … No. 562-IV of 16 February 2012 (…);
    as restated by Law … No. 185-V of 7 April 2014 (…).

`read_footnote` returns the effects it finds, each with its act, or an empty list when the footnote says nothing it
can read (the caller reports those; the footnote stays a note either way).
"""

import datetime
import re
from dataclasses import dataclass

from lawreader import dates
from lawreader.ingest import layout
from lawreader.vocabulary import ACT_NUMBER, ARTICLE, child_eid

AMENDED, RESTATED, INSERTED, EXCLUDED = "amended", "restated", "inserted", "excluded"
ACTIONS = (AMENDED, RESTATED, INSERTED, EXCLUDED)

# How an act says when it comes into force.
ON_DATE = "on_date"  # "вводится в действие с 01.01.2016"
DAYS_AFTER_PUBLICATION = "days_after_publication"  # "по истечении десяти календарных дней после … опубликования"
MONTHS_AFTER_PUBLICATION = "months_after_publication"  # "по истечении двух месяцев после …"
ON_PUBLICATION = "on_publication"  # "вводится в действие со дня его первого официального опубликования"
NOT_STATED = ""


@dataclass(frozen=True)
class EntryIntoForce:
    rule: str = NOT_STATED
    period: int = 0  # days or months after the first official publication
    date: datetime.date | None = None  # for ON_DATE


@dataclass(frozen=True)
class ActCitation:
    number: str  # "553-IV"
    adopted: datetime.date | None
    entry_into_force: EntryIntoForce


@dataclass(frozen=True)
class Effect:
    act: ActCitation
    action: str
    target_eid: str  # "" for the provision the footnote is on


# --- dates and numbers in words -------------------------------------------------------------------------------

NUMBER_WORDS = {
    # Russian (genitive, as the formulas use them), Kazakh, English.
    "одного": 1, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8,
    "девяти": 9, "десяти": 10, "пятнадцати": 15, "двадцати": 20, "тридцати": 30, "сорока": 40, "пятидесяти": 50,
    "шестидесяти": 60, "девяноста": 90,
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9, "он": 10,
    "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60, "тоқсан": 90,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90,
}  # fmt: skip


def number_in_words(words):
    """'двадцати одного' → 21, 'он' → 10, 'twenty-one' → 21; 0 when no number word is there."""
    return sum(NUMBER_WORDS.get(word, 0) for word in re.split(r"[\s-]+", words.lower()))


# --- entry into force ---------------------------------------------------------------------------------------

# "вводится в действие с 01.01.2016", "с 1 января 2016 года", "01.01.2016 бастап", "shall enter into force on …".
FIXED_DATE_WORDS_RE = re.compile(r"(?:^|\s)(?:с|from|on)\s|бастап|жылғы", re.IGNORECASE)
PERIOD_RE = re.compile(
    r"(?P<words>(?:[а-яёәғқңөұүһі]+|[a-z]+)(?:[\s-](?:[а-яёәғқңөұүһі]+|[a-z]+))?)\s+"
    r"(?:(?:календарн\w*|calendar)\s+)?(?P<unit>дн\w*|месяц\w*|күн\w*|ай|days?|months?)",
    re.IGNORECASE,
)
KAZAKH_PERIOD_RE = re.compile(r"күнтізбелік\s+(?P<words>[а-яәғқңөұүһі]+(?:\s+[а-яәғқңөұүһі]+)?)\s+(?P<unit>күн|ай)")
EXPIRY_RE = re.compile(r"истечени|expiry|өткен", re.IGNORECASE)  # "after a period": the period was not read
PUBLICATION_RE = re.compile(r"опубликован|жарияланған|publication", re.IGNORECASE)


def entry_into_force(text):
    """The rule in a footnote's parenthesis: '(вводится в действие по истечении десяти календарных дней после дня
    его первого официального опубликования)' → 10 days after publication."""
    stated = dates.find_dates(text)
    if stated and FIXED_DATE_WORDS_RE.search(text):
        return EntryIntoForce(ON_DATE, date=stated[0].date)
    if not PUBLICATION_RE.search(text):
        return EntryIntoForce()
    for pattern in (KAZAKH_PERIOD_RE, PERIOD_RE):
        for period in pattern.finditer(text):
            amount = number_in_words(period["words"])
            if amount:
                months = period["unit"].lower().startswith(("месяц", "ай", "month"))
                return EntryIntoForce(MONTHS_AFTER_PUBLICATION if months else DAYS_AFTER_PUBLICATION, amount)
    if EXPIRY_RE.search(text):
        return EntryIntoForce()  # a period whose number this reader cannot spell: not stated, never guessed
    return EntryIntoForce(ON_PUBLICATION)


# --- the act references -------------------------------------------------------------------------------------

# The act's entry into force, in brackets after it (one level of brackets may nest inside).
PARENTHESIS = r"\((?P<{}>[^()]*(?:\([^()]*\)[^()]*)*)\)"
RUSSIAN_WORD_DATE = rf"\d{{1,2}}\s+(?:{'|'.join(dates.MONTHS['ru'])})[а-я]*\s+\d{{4}}"
ACT_RE = re.compile(
    # Russian: "от 13.02.2012 № 553-IV (…)", "от 21 октября 1993 года" (old acts may have no number); Kazakh:
    # "2012.02.13 № 553-IV (…)"; English: "No. 553-IV of 13 February 2012 (…)".
    rf"(?:от\s+)?(?P<date>\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|\d{{4}}\.\d{{1,2}}\.\d{{1,2}}|{RUSSIAN_WORD_DATE})"
    rf"\s*(?:г\.|года)?\s*(?:(?:№|N)\s*(?P<number>{ACT_NUMBER}))?(?:\s*{PARENTHESIS.format('rule')})?"
    rf"|No\.\s*(?P<en_number>{ACT_NUMBER})\s+of\s+(?P<en_date>\d{{1,2}} [A-Za-z]+ \d{{4}})"
    rf"(?:\s*{PARENTHESIS.format('en_rule')})?",
)

# What the footnote says was done, in the order the words come; each act takes the last action named before it.
ACTION_RES = (
    (INSERTED, r"дополнен\w*\s+(?:стать|глав|пункт|подпункт)\w*|толықтырылды|is supplemented by|supplemented by"),
    (RESTATED, r"в\s+(?:новой\s+)?редакции|жаңа\s+редакцияда|as restated|restated by"),
    (EXCLUDED, r"исключен\w*|утратил\w*\s+силу|ал(?:ын)?ып\s+тасталды|күші\s+жойылды|excluded|repealed"),
    (
        AMENDED,
        r"с\s+изменени\w*|с\s+дополнени\w*|изменен\w*|замен\w*|өзгеріс\w*|өзгерт\w*\s+енгізілді"
        r"|толықтыру\w*\s+енгізілді|ауыстырылды|as amended|amended by",
    ),
)
ACTION_RE = re.compile("|".join(f"(?P<{action}>{pattern})" for action, pattern in ACTION_RES), re.IGNORECASE)

# The unit a footnote inserts: "дополнена статьей 9-1", "9-1-баппен толықтырылды", "supplemented by Article 9-1".
INSERTED_UNIT_RE = re.compile(
    r"(?:стать(?:ей|ями)|supplemented by Article)\s+(?P<article>\d+(?:-\d+)*)|(?P<kkarticle>\d+(?:-\d+)*)-бап(?:пен|тармен)",
    re.IGNORECASE,
)


def read_footnote(text):
    """The effects a footnote states, in order; [] when it states none this reader understands."""
    text = layout.fold_lookalikes(text)
    acts = list(ACT_RE.finditer(text))
    if not acts:
        return []  # an effect is an action by an act: no act, nothing to look for
    # Words inside an act's entry-into-force brackets ("за исключением подпункта 2") name no action.
    brackets = [act.span(group) for act in acts for group in ("rule", "en_rule") if act[group] is not None]
    actions = [
        (matched.start(), matched.lastgroup, matched.end())
        for matched in ACTION_RE.finditer(text)
        if not any(start <= matched.start() < end for start, end in brackets)
    ]
    effects = []
    inserted = ""  # the unit the footnote last inserted: a restatement after it is about it
    for act in acts:
        named_before = [action for action in actions if action[0] < act.start()]
        if not named_before:
            continue
        start, action, _ = named_before[-1]
        date = dates.parse_date(act["date"] or act["en_date"] or "")
        number = act["number"] or act["en_number"] or ""
        if date is None:
            continue
        citation = ActCitation(
            number=number, adopted=date, entry_into_force=entry_into_force(act["rule"] or act["en_rule"] or "")
        )
        if action == INSERTED:
            inserted = inserted_unit(text, start, act.start())
        target = inserted if action in (INSERTED, RESTATED) else ""
        effects.append(Effect(citation, action, target))
    return effects


def inserted_unit(text, action_start, act_start):
    """The eid of the article an insertion names, between its words and its act ("дополнена статьей 9-1 в
    соответствии с Законом …", "9-1-баппен толықтырылды - ҚР …"); "" when it names no article (a chapter, a
    part: the footnote's own provision is what changed)."""
    window = text[max(0, action_start - 40) : act_start]
    named = INSERTED_UNIT_RE.search(window)
    return child_eid("", ARTICLE, named["article"] or named["kkarticle"]) if named else ""
