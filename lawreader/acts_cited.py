"""Other acts a law's text names — "Законом Республики Казахстан от 6 января 2011 года № 379-IV", "Кодекса Республики
Казахстан об административных правонарушениях", "Қазақстан Республикасының Азаматтық кодексі", "the Law of the
Republic of Kazakhstan No. 379-IV" — found and keyed, so a library that holds the act can link to it (pure Python).

An act is keyed by its number when the text gives one ("act:379-IV"), else by the stems of its title ("title:…"):
a code is named by what it is about, a law by its title in quotes. `title_key` keys a law's own title the same way,
so a catalogue of the library and the citations meet.
"""

import re
from dataclasses import dataclass

from lawreader import vocabulary
from lawreader.stems import WORD_RE, stem

NUMBER = rf"(?:№|N|No\.)\s*(?P<number>{vocabulary.ACT_NUMBER})"
QUOTED = r"(?:«(?P<quoted>[^»]{2,200})»|\"(?P<quoted2>[^\"]{2,200})\"|“(?P<quoted3>[^”]{2,200})”)"
RU_KINDS = (
    r"Конституц\w*|Конституционн\w+\s+закон\w*|Закон\w*|Указ\w*|Постановлени\w*"
    r"|(?:(?:Гражданск|Уголовн|Налогов|Трудов|Бюджетн|Земельн|Водн|Лесн|Экологическ|Предпринимательск|Таможенн"
    r"|Уголовно-процессуальн|Уголовно-исполнительн|Административн\w*\s+процедурн)\w*\s+(?:процессуальн\w+\s+)?)?"
    r"[Кк]одекс\w*"
)
KK_KINDS = r"Конституция\w*|Конституциялық\s+заң\w*|Заң\w*|Жарлығ\w*|Жарлық\w*|Қаулы\w*|\w*\s*кодекс\w*"
EN_KINDS = (
    r"Constitution|Constitutional\s+Law|Law|Code|Decree|Resolution|(?:Civil|Criminal|Tax|Labour|Budget|Land)\s+Code"
)
RU_DATE = r"от\s+(?P<date>\d{1,2}\s+[а-я]+\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4})\s*(?:года|г\.)?"

ACT_RE = {
    "ru": re.compile(
        rf"(?P<kind>{RU_KINDS})(?:\s+Президента)?\s+Республики(?:\s+Казахстан)?"
        rf"(?:\s*,\s*имеющ\w+\s+силу\s+(?:конституционного\s+)?закона,?)?"
        rf"(?:\s+{RU_DATE})?(?:\s*{NUMBER})?(?:\s+{QUOTED}|\s+(?P<about>(?:об?|о|по)\s+[а-яё\s-]{{3,80}}?)(?=[,.;:)]|\s\())?"
    ),
    "kk": re.compile(
        rf"(?:{QUOTED}\s+)?Қазақстан\s+Республикасы(?:ның)?\s+"
        rf"(?:(?P<date>\d{{4}}\s+жылғы\s+\d{{1,2}}\s+\w+)\s+)?(?:{NUMBER}\s+)?"
        rf"(?:(?P<about>[\w\s-]{{3,80}}?\s+туралы)\s+)?(?P<kind>{KK_KINDS})"
    ),
    "en": re.compile(
        rf"(?P<kind>{EN_KINDS})\s+of\s+the\s+Republic\s+of\s+Kazakhstan"
        rf"(?:\s+{NUMBER})?(?:\s+of\s+(?P<date>\d{{1,2}}\s+[A-Z][a-z]+\s+\d{{4}}))?(?:\s+{NUMBER.replace('number', 'number2')})?"
        rf"(?:\s+{QUOTED}|\s+(?P<about>on\s+[A-Za-z\s-]{{3,80}}?)(?=[,.;:)]|\s\())?"
    ),
}
# Every act named names the state, in these words (ACT_RE is case-sensitive): a text without them is not searched.
STATE_NAMED = {"ru": "Республики", "kk": "Қазақстан", "en": "Republic"}
# The words a title is keyed without: the state's name, which every title and citation carries in its own case.
STATE_WORDS = {"республики", "казахстан", "қазақстан", "республикасының", "республикасы", "republic", "of", "the"}
KAZAKH_KEY_LETTERS = 5
# A citation's "Кодекса", "кодексі", "Code" and a code's title are the same act.
KIND_WORDS_RE = re.compile(r"кодекс\w*|code|конституц\w*|constitution", re.IGNORECASE)
CONSTITUTION_RE = re.compile(r"конституц|constitution", re.IGNORECASE)


@dataclass(frozen=True)
class ActCited:
    start: int
    end: int
    key: str  # "act:379-IV" or "title:…"


def acts_cited(text, language):
    """Each act the text names with a number or a title, in order."""
    pattern = ACT_RE.get(language)
    if pattern is None or not text or STATE_NAMED[language] not in text:
        return []
    found = []
    for match in pattern.finditer(text):
        key = key_of(match, language)
        if key:
            found.append(ActCited(match.start(), match.end(), key))
    return found


def key_of(match, language):
    groups = match.groupdict()
    number = groups.get("number") or groups.get("number2")
    if number:
        return f"act:{vocabulary.act_number_key(number)}"
    quoted = groups.get("quoted") or groups.get("quoted2") or groups.get("quoted3")
    if quoted:
        return title_key(quoted, language)
    kind, about = groups.get("kind") or "", groups.get("about") or ""
    if (
        KIND_WORDS_RE.fullmatch(kind.split()[-1])
        and not about
        and len(kind.split()) == 1
        and not CONSTITUTION_RE.search(kind)
    ):
        return ""  # "the Code of the Republic of Kazakhstan" alone: which code is not said
    if KIND_WORDS_RE.search(kind):
        return title_key(f"{kind} {about}", language)
    return ""


def title_key(title, language):
    """A title as stems, the state's name left out: "Кодекс Республики Казахстан об административных
    правонарушениях" and "Кодекса … об административных правонарушениях" key alike."""
    words = [word.lower() for word in WORD_RE.findall(title)]
    words = [word for word in words if word not in STATE_WORDS]
    # Kazakh endings stack and a root's last consonant softens: its words are compared by their first letters.
    stems = [word[:KAZAKH_KEY_LETTERS] if language == "kk" else stem(word, language) for word in words]
    return "title:" + " ".join(sorted(stems)) if stems else ""  # sorted: Kazakh puts the kind of act last
