"""A law's references in its own text — "item 3) of Article 6 of this Law", "подпунктом 3) статьи 6 настоящего
Закона", "осы Заңның 6-бабының 3) тармақшасы" — found and resolved to eids (pure Python, standard library only).

Kazakhstan's laws cite in firm patterns. Russian and English name the levels bottom-up, each a word and a number
("пунктом 2 статьи 31", "paragraph 2 of Article 31"), then say whose provision it is ("настоящего Закона",
"настоящей статьи", "of this Law") — or name another act ("статьи 44 Конституции"). Kazakh names them top-down,
number first, with the owner before them ("осы Заңның 4-бабының 7 және 8-тармақтарында"). Any level may list
numbers ("статьями 15, 19 и 24", "items 2) – 4), 7)"); each number becomes its own link, the words before the
first number belonging to it.

`find_references(text, language)` returns `Found` spans, each naming a `Target`: the levels it names, which of
the citing provision's own levels fill the rest ("пункт 2 настоящей статьи" takes the citing article), and whether
it belongs to another act. `Resolver` turns a target into an eid of one edition, or says it is missing there.
"""

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from lawreader import vocabulary

CHAPTER, ARTICLE, PART, ITEM, SECTION = (
    vocabulary.CHAPTER,
    vocabulary.ARTICLE,
    vocabulary.PART,
    vocabulary.ITEM,
    vocabulary.SECTION,
)
# A level a citation names without an address of its own ("частью второй", "абзацем третьим"): the reference
# leads to the provision it is part of.
FRAGMENT = "fragment"
# Levels from the top, as a reference chain orders them.
DEPTH = {SECTION: 0, CHAPTER: 1, ARTICLE: 2, PART: 3, ITEM: 4, FRAGMENT: 5}

# Whose provisions the reference names.
THIS_LAW = "law"
EXTERNAL = "external"  # another act's: "статьи 44 Конституции", "Кодекстің 5-бабы"
ACT_OWNERS = (THIS_LAW, EXTERNAL)
RELATIVE = {"article": ARTICLE, "chapter": CHAPTER, "part": PART, "item": ITEM, "section": SECTION}

# The kinds of link a provision's text stores ([start, end, kind, eid]; ingest/linker.py) and pages show.
LINK_REFERENCE = "ref"  # to a provision of the same edition
LINK_TERM = "term"  # a defined term, to its definition
LINK_MISSING = "missing"  # to a provision the edition does not have: shown unlinked, reported to staff
LINK_EXTERNAL = "external"  # to another act or its provision, not in the library: marked, not linked (the target
# is the act's key, "act:379-IV", when the text names it, so the link can be made once the act is imported)
LINK_ACT = "act"  # to another act in the library ("its-slug") or to one of its provisions ("its-slug/art_44")

FOLD = str.maketrans({"ё": "е", "қ": "к", "ғ": "г", "ң": "н", "ұ": "у", "ү": "у", "ө": "о", "ә": "а", "і": "и"})

TOKEN_RE = re.compile(
    r"(?P<number>[0-9]+(?:-[0-9]+)*)(?P<bracket>\))?|(?P<word>[^\W\d_]+)|(?P<dash>[-\u2010-\u2015\u2212])"
    r"|(?P<mark>[^\s\w])|(?P<space>\s+)"
)


class Token(NamedTuple):
    kind: str  # number, word, dash, mark
    text: str
    start: int
    end: int
    bracketed: bool = False  # an item number printed "3)"

    @property
    def folded(self):
        return fold(self.text)


@functools.lru_cache(maxsize=100_000)
def fold(word):
    """Lower case, with Kazakh letters as the Russian ones readers type for them ("бабының" → "бабынын")."""
    return word.casefold().translate(FOLD)


def tokens_of(text):
    tokens = []
    # Words glued together are rare: looked for word by word only in a text where they occur at all.
    may_be_glued = GLUED_RE.search(text) is not None
    for match in TOKEN_RE.finditer(text):
        if match.lastgroup == "space":
            continue
        number = match["number"]
        if may_be_glued and number is None and match.lastgroup == "word":
            glued = GLUED_RE.fullmatch(match.group())
            if glued is not None:
                # "части первойстатьи 35": a line break lost between two words of a reference.
                split = match.start() + glued.end(1)
                tokens += [Token("word", glued[1], match.start(), split), Token("word", glued[2], split, match.end())]
                continue
        text_ = number or match.group()
        tokens.append(
            Token(
                "number" if number else match.lastgroup,
                text_,
                match.start(),
                match.start() + len(text_),
                bool(match["bracket"]),
            )
        )
    return tokens


# Level words written before their number (English, Russian), in every case and number, folded (ё → е).
WORDS_BEFORE = [
    (ITEM, re.compile(r"items?|subparagraphs?|subpara|подпункт\w{0,3}|подп|пп")),
    (PART, re.compile(r"paragraphs?|para|пункт\w{0,3}|п")),
    (ARTICLE, re.compile(r"articles?|art|стать\w{1,3}|статей|ст")),
    (CHAPTER, re.compile(r"chapters?|глав\w{0,3}|гл")),
    (SECTION, re.compile(r"sections?|раздел\w{0,3}")),
    (FRAGMENT, re.compile(r"част\w{1,3}|абзац\w{0,3}|parts?")),
]
# Kazakh level words written after their number ("6-бабының", "3) тармақшасы"), folded to Russian letters.
WORDS_AFTER = [
    (ITEM, re.compile(r"тармакша\w*")),
    (PART, re.compile(r"тарма[кг]\w*")),
    (ARTICLE, re.compile(r"ба[пб]\w*")),
    (CHAPTER, re.compile(r"тарау\w*")),
    (SECTION, re.compile(r"болим\w*")),
    (FRAGMENT, re.compile(r"боли[кг]\w*|абзац\w*")),
]
# Kazakh ordinals, folded: "бірінші", "екінші", "үшінші" … "оныншы".
KAZAKH_ORDINAL_RE = re.compile(r"(?:бирин|екин|ушин|тортин|бесин|алтын|жетин|сегизин|тогызын|онын)\w*")
# A Kazakh level word in the plural: "баптар", "тармақтарында".
KAZAKH_PLURAL_RE = re.compile(r"^(?:ба[пб]|тарма[кг]|тармакша|тарау)(?:тар|дар|лар)")
# "частью второй", "абзацем третьим": ordinal words stand for a fragment's number.
ORDINAL_RE = re.compile(r"(перв|втор|трет|четверт|пят|шест|седьм|восьм|девят|десят|first|second|third|fourth|fifth)\w*")
# Two words of a reference run together where the official text lost a line break: an ordinal, then a level word.
GLUED_RE = re.compile(
    r"((?:перв|втор|трет|четверт|пят|шест|седьм|восьм|девят|десят)(?:ой|ого|ым|ом|ая|ую|ый|ий|ей|ьей|ьего))"
    r"((?:стать|пункт|подпункт|глав|част)\w{0,3})",
    re.IGNORECASE,
)
# The letters an issue number of the gazette may carry: "19-І", "19-II", "23-I".
ISSUE_LETTERS_RE = re.compile(r"[IVXІХ]{1,4}")
LIST_WORDS = {"и", "или", "and", "or", "жане", "мен", "немесе", "to", "through", "по"}
RANGE_WORDS = {"to", "through", "по"}
OF_WORDS = {"of"}

# Whose provision: words after a Russian or English chain, before a Kazakh one.
THIS_RU = re.compile(r"настоящ\w*|данн\w*|эт(?:ого|ой|им|ом)")
THIS_EN = re.compile(r"this|the present")
THIS_KK = re.compile(r"осы")
OWNER_WORDS = [
    (THIS_LAW, re.compile(r"закон\w*|кодекс\w*|конституционн\w*|law|code|конституциялык|зан\w*")),
    ("article", re.compile(r"стать\w*|article|ба[пб]\w*")),
    ("chapter", re.compile(r"глав\w*|chapter|тарау\w*")),
    ("item", re.compile(r"подпункт\w*|item|subparagraph|тармакша\w*")),
    ("part", re.compile(r"пункт\w*|paragraph|тарма[кг]\w*")),
    ("section", re.compile(r"раздел\w*|section|болим\w*")),
]
# Another act named after a Russian or English chain ("статьи 44 Конституции", "of the Civil Code"), or before a
# Kazakh one ("Конституциясының 44-бабы"): these words, or any capitalised word.
ACT_WORDS = re.compile(
    r"конституц\w*|кодекс\w*|закон\w*|указ\w*|постановлени\w*|соглашени\w*|договор\w*|конвенци\w*|приложени\w*"
    r"|положени\w*|правил\w*|constitution|code|law|decree|agreement|treaty|convention|annex|зан\w*|жарлы\w*"
    r"|каулы\w*|келисим\w*|шарт\w*|косымша\w*|ереже\w*"
)


# An amending act's instruction ("Внести в Закон … следующие изменения:", "… мынадай толықтырулар енгізілсін:",
# "The Law … is amended as follows:"): what follows it cites the amended act's provisions, not the act's own.
AMENDING_RE = re.compile(
    r"\bвнести\b|\bвносятся\b|следующие\s+(?:изменени|дополнени)|изменения\s+и\s+дополнения\s*:"
    r"|(?:өзгеріс|өзгерiс|толықтыру|толыќтыру)\w*\s+(?:мен\s+\w+\s+)?енгіз|енгiзiлсiн|енгізілсін"
    r"|\bis\s+amended\b|\bare\s+amended\b|following\s+amendments",
    re.IGNORECASE,
)


def is_amending_instruction(text):
    # An instruction introduces what it changes with a colon: a cheap test first, for the many texts without one.
    return bool(text) and ":" in text and bool(AMENDING_RE.search(text))


@dataclass(frozen=True)
class Target:
    """What a reference names: its levels top-down with their numbers, and whose they are."""

    levels: tuple  # ((ARTICLE, "6"), (ITEM, "3")); a FRAGMENT level has no number
    owner: str = ""  # THIS_LAW, EXTERNAL, a RELATIVE key ("article": the citing article's), or "" (unstated)

    @property
    def external(self):
        return self.owner == EXTERNAL


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    target: Target


@dataclass
class Mention:
    """One level of a chain: "статьями 15, 19 и 24" is ARTICLE with three numbers."""

    level: str
    numbers: list  # Tokens
    start: int  # where the level word (or the first number) starts
    end: int


# Every reference has a number, or names a unit of its own ("this Chapter", "части первой настоящего пункта"):
# texts with neither are not read further.
DIGIT_RE = re.compile(r"[0-9]")
RELATIVE_RE = re.compile(
    # The lookahead, implied by what follows it, lets the search skip ahead quickly to the letters that can start it.
    r"(?=[tндэо])(?:this|настоящ|данн|эт|осы)\w*\s+(?:chapter|section|paragraph|глав|раздел|пункт|тарау|бөлім|болим|тармақ)",
    re.IGNORECASE,
)


def find_references(text, language):
    """Every reference in `text`, in order, one Found per number cited."""
    if not (DIGIT_RE.search(text) or RELATIVE_RE.search(text)):
        return []
    tokens = tokens_of(text)
    reader = ChainReader(tokens, language)
    notes = [(match.start(), match.end()) for match in EDITORIAL_NOTE_RE.finditer(text)]
    found = []
    # The sentence's last reference: bare lower levels after it are its ("статьи 9, за исключением подпунктов 2)").
    last_target = None
    run = []  # the Founds of chains listed one after another ("пунктами 1 и 2 статьи 47, подпунктом 5) статьи 57
    # Конституции"): the owner one of them states is theirs all
    run_end = None
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.kind == "mark" and token.text in ".;":
            last_target = None
        if not reader.may_start(token):
            position += 1
            continue
        chain = reader.chain_at(position)
        if chain is None:
            relative = reader.relative_at(position)
            if relative is not None:
                found.append(relative)
            position += 2 if relative is not None else 1
            continue
        mentions, owner, end_position = chain
        if reader.unfinished(end_position, owner):
            # The chain runs on into words this reader cannot place ("пунктов 3), 4) части первой…"): a guess
            # at what it cites could be a false link, so it is left as printed.
            position = end_position
            continue
        if is_label(tokens, mentions, position, end_position, reader):
            # A text that is, or opens with, its own label ("37-61-баптар. Алынып тасталды") cites nothing.
            position = end_position
            continue
        if run_end is None or not all(is_list_separator(t) for t in tokens[run_end:position]):
            run = []
        shared = owner in ACT_OWNERS  # "of this Article" is one chain's own; "of this Law" the whole run's
        if not owner and run and language == "kk" and run[-1].target.owner in ACT_OWNERS:
            owner = run[-1].target.owner  # Kazakh states the owner first: "осы Заңның 8-бабында, 9-бабында"
        if any(start <= tokens[position].start < end for start, end in notes):
            owner = EXTERNAL  # "(порядок введения в действие см. ст.2)": the amending act's article
        targets = targets_of(mentions, owner, last_target)
        if shared and language != "kk":
            found = [with_owner(item, owner) if item in run and not item.target.owner else item for item in found]
        run = targets if shared and language != "kk" else run + targets
        found.extend(targets)
        if targets:
            last_target = found[-1].target
        run_end = position = end_position
    return found


# An editor's note in brackets about an amending act's entry into force: its articles are that act's.
EDITORIAL_NOTE_RE = re.compile(
    r"\([^()]*(?:введения\s+в\s+действие|вступления\s+в\s+силу|қолданысқа\s+енгізілу|entry\s+into\s+force)[^()]*\)",
    re.IGNORECASE,
)


def is_label(tokens, mentions, position, end, reader):
    """Is this chain the text's own label ("37-61-баптар", "Статья 5. Исключена")? One level, opening the text with
    a number or a capital, and nothing after it but a full stop."""
    first = tokens[position]
    return (
        position == 0
        and len(mentions) == 1
        and (first.kind == "number" or first.text[:1].isupper())
        and (end == len(tokens) or reader.is_mark(end, "."))
    )


def is_list_separator(token):
    return token.text == "," or token.folded in LIST_WORDS or token.folded in {"а", "также", "as", "well"}


def with_owner(found, owner):
    return Found(found.start, found.end, Target(found.target.levels, owner))


def targets_of(mentions, owner, last_target):
    """One Found per number of the chain's lowest numbered level; the levels above it are shared by all."""
    mentions = sorted(soviet_parts(mentions), key=lambda mention: DEPTH[mention.level])
    numbered = [mention for mention in mentions if mention.numbers and mention.level != FRAGMENT]
    if not numbered:
        if owner in RELATIVE and owner != "article":
            # "части первой настоящего пункта", "осы тармақтың бірінші бөлігі": a paragraph of this part.
            start, end = min(m.start for m in mentions), max(m.end for m in mentions)
            return [Found(start, end, Target(levels=(), owner=owner))]
        return []
    fixed, listed = numbered[:-1], numbered[-1]
    if any(len(mention.numbers) > 1 for mention in fixed):
        fixed, listed = [], numbered[0]  # "пунктами 1 и 2 статей 5 и 6": only the articles are clear
    levels = tuple((mention.level, mention.numbers[0].text) for mention in fixed)
    if not owner and last_target is not None and DEPTH[numbered[0].level] > deepest_level(last_target):
        # Bare lower levels right after a reference in the same sentence belong to what it named.
        levels = last_target.levels + levels
        owner = last_target.owner
    start = min(mention.start for mention in mentions)
    end = max(mention.end for mention in mentions)
    found = []
    for index, number in enumerate(listed.numbers):
        target = Target(levels=levels_in_order((*levels, (listed.level, number.text))), owner=owner)
        span_start = start if index == 0 else number.start
        span_end = end if index == len(listed.numbers) - 1 else number.end
        if len(listed.numbers) > 1 and index == 0 and listed.start == start:
            span_end = number.end  # "статьями [15], [19] и [24] настоящего Закона"
        if len(listed.numbers) > 1 and index == len(listed.numbers) - 1 and listed.end != end:
            span_start = number.start
        found.append(Found(span_start, span_end, target))
    return found


def soviet_parts(mentions):
    """Older laws number an article's parts as "части" and their items as "пункты": "пунктом 2 части 1 статьи 21"
    is item 2 of part 1. Today's laws count only unnumbered paragraphs as "части", in words ("частью второй")."""
    if not any(mention.level == FRAGMENT and mention.numbers for mention in mentions):
        return mentions
    renamed = {FRAGMENT: PART, PART: ITEM}
    return [Mention(renamed.get(m.level, m.level), m.numbers, m.start, m.end) for m in mentions]


def deepest_level(target):
    return max(DEPTH[level] for level, _number in target.levels)


def levels_in_order(levels):
    return tuple(sorted(levels, key=lambda level: DEPTH[level[0]]))


class ChainReader:
    """Reads a reference chain starting at a token: its mentions, owner and where it ends."""

    def __init__(self, tokens, language):
        self.tokens = tokens
        self.language = language

    def may_start(self, token):
        """Can a reference start at this token: a level word, a "this", or (in Kazakh) a number or an ordinal?"""
        if token.kind == "word":
            return (
                level_named(token.folded) is not None
                or is_this(token.folded)
                or (self.language == "kk" and bool(KAZAKH_ORDINAL_RE.fullmatch(token.folded)))
            )
        return token.kind == "number" and self.language == "kk"

    def chain_at(self, position):
        mention, after = self.mention_at(position)
        if mention is None or self.in_gazette_citation(position):
            return None
        mentions = [mention]
        while True:
            following, next_after = self.mention_at(self.skip(after, OF_WORDS))
            if following is None or following.level in {m.level for m in mentions}:
                break
            mentions.append(following)
            after = next_after
        owner, after = self.owner_after(after, mentions)
        if not owner and self.language == "kk":
            owner = self.owner_before(position)  # Kazakh names the owner first
        return mentions, owner, after

    def in_gazette_citation(self, position):
        """ "Ведомости …, 1995 г., N 21, ст.124", "№ 19-І, 19-II, ст.96": the gazette's item number, not an
        article — a "ст." after a comma, with only issue numbers back to the "N"."""
        if not self.is_mark(position - 1, ","):
            return False
        for back in range(position - 2, max(position - 12, -1), -1):
            token = self.token(back)
            if token.text in {"N", "№"}:
                return True
            if not (token.kind in ("number", "dash") or token.text == "," or ISSUE_LETTERS_RE.fullmatch(token.text)):
                return False
        return False

    def relative_at(self, position):
        """ "this Chapter", "настоящей главы", "осы тараудың": a Found naming the citing provision's own chapter or
        section, or None."""
        this, word = self.token(position), self.token(position + 1)
        if this is None or word is None or this.kind != "word" or word.kind != "word":
            return None
        if not is_this(this.folded):
            return None
        owner = owner_named(word.folded)
        if owner not in ("chapter", "section"):
            return None
        return Found(this.start, word.end, Target(levels=(), owner=owner))

    def unfinished(self, position, owner):
        """Does a level word follow the chain without a number this reader could read ("части первойстатьи")?"""
        token = self.token(position)
        return (
            not owner
            and token is not None
            and token.kind == "word"
            and level_named(token.folded) is not None
            and self.mention_at(position)[0] is None
        )

    def mention_at(self, position):
        """A level word and its numbers ("статьями 15, 19 и 24"), or Kazakh numbers and their word
        ("7 және 8-тармақтарында"); (None, position) when none starts here."""
        token = self.token(position)
        if token is None:
            return None, position
        if token.kind == "word" and self.language == "kk" and KAZAKH_ORDINAL_RE.fullmatch(token.folded):
            word = self.token(position + 1)  # "бірінші бөлігінде": a paragraph named by its place
            if word is not None and level_named(word.folded, number_first=True) == FRAGMENT:
                return Mention(FRAGMENT, [], token.start, word.end), position + 2
            return None, position
        if token.kind == "word":
            level = level_named(token.folded)
            if level is None:
                return None, position
            after = position + 1
            if self.is_mark(after, "."):
                after += 1
            numbers, after = self.numbers_at(after)
            if numbers:
                return Mention(level, numbers, token.start, numbers[-1].end), after
            ordinal = self.token(after)
            if level == FRAGMENT and ordinal is not None and ORDINAL_RE.fullmatch(ordinal.folded):
                return Mention(level, [], token.start, ordinal.end), after + 1
            return None, position
        if token.kind == "number" and self.language == "kk":
            numbers, after = self.numbers_at(position)
            if self.is_dash(after) and not numbers[-1].bracketed:
                after += 1  # "6-бабының"
            word = self.token(after)
            if word is None or word.kind != "word":
                return None, position
            level = level_named(word.folded, number_first=True)
            if level is None:
                return None, position
            return Mention(level, kazakh_range(numbers, word), token.start, word.end), after + 1
        return None, position

    def numbers_at(self, position):
        """Numbers listed from here: "15, 19 и 24", "2) – 4), 7)", "13–17"; ([], position) if none."""
        numbers = []
        while True:
            token = self.token(position)
            if token is None or token.kind != "number":
                break
            numbers.append(token)
            after = position + 1
            separator = self.token(after)
            if separator is None:
                position = after
                break
            if separator.text == "," or separator.kind == "dash" or separator.folded in LIST_WORDS:
                following = self.token(after + 1)
                if following is not None and following.kind == "number" and not self.attached_dash(after):
                    position = after + 1
                    continue
            position = after
            break
        return numbers, position

    def attached_dash(self, position):
        """A dash glued to the number before it and the word after it is Kazakh "6-бабы", not a range."""
        dash, word = self.token(position), self.token(position + 1)
        previous = self.token(position - 1)
        return (
            dash is not None
            and dash.kind == "dash"
            and previous is not None
            and previous.end == dash.start
            and word is not None
            and word.kind == "word"
        )

    def owner_after(self, position, mentions):
        """Whose provision the chain names, from the words after it: ("law", position after them)."""
        first, second = self.token(position), self.token(position + 1)
        if first is None:
            return "", position
        if first.kind == "word" and first.folded in OF_WORDS and second is not None:
            # "of this Law", "of the Constitution"
            third = self.token(position + 2)
            if second.folded == "this" and third is not None:
                owner = owner_named(third.folded)
                return (owner, position + 3) if owner else ("", position)
            if (
                second.folded == "the"
                and third is not None
                and third.kind == "word"
                and (third.text[:1].isupper() or ACT_WORDS.fullmatch(third.folded))
            ):
                return EXTERNAL, position
            return "", position
        if first.kind != "word":
            return "", position
        if THIS_RU.fullmatch(first.folded) and second is not None and second.kind == "word":
            owner = owner_named(second.folded)
            if owner:
                third = self.token(position + 2)
                if owner == THIS_LAW and third is not None and third.folded == "закона":
                    return owner, position + 3  # "настоящего Конституционного закона"
                return owner, position + 2
            return "", position
        if self.language != "kk" and ACT_WORDS.fullmatch(first.folded):
            return EXTERNAL, position
        if self.language == "ru" and first.text[:1].isupper():
            return EXTERNAL, position  # "статьей 5 Гражданского кодекса"
        return "", position

    def owner_before(self, position):
        """Kazakh names the owner first: "осы Заңның", "осы баптың", "Конституциясының"."""
        previous, before = self.token(position - 1), self.token(position - 2)
        if previous is None or previous.kind != "word":
            return ""
        if before is not None and THIS_KK.fullmatch(before.folded):
            return owner_named(previous.folded) or ""
        if THIS_KK.fullmatch(previous.folded):
            return ""
        if ACT_WORDS.fullmatch(previous.folded) or previous.text[:1].isupper():
            return EXTERNAL
        return ""

    def skip(self, position, words):
        token = self.token(position)
        return position + 1 if token is not None and token.kind == "word" and token.folded in words else position

    def token(self, position):
        return self.tokens[position] if 0 <= position < len(self.tokens) else None

    def is_mark(self, position, text):
        token = self.token(position)
        return token is not None and token.kind == "mark" and token.text == text

    def is_dash(self, position):
        token = self.token(position)
        return token is not None and token.kind == "dash"


def kazakh_range(numbers, word):
    """ "10-25 баптар" (plural) is articles 10 to 25, not an article numbered "10-25": its ends, as two numbers."""
    if len(numbers) != 1 or not KAZAKH_PLURAL_RE.search(word.folded):
        return numbers
    number = numbers[0]
    first, _dash, last = number.text.partition("-")
    if not last.isdigit() or int(last) <= int(first):
        return numbers
    first_end = number.start + len(first)
    return [Token("number", first, number.start, first_end), Token("number", last, number.end - len(last), number.end)]


@functools.lru_cache(maxsize=100_000)
def is_this(word):
    return bool(THIS_RU.fullmatch(word) or THIS_EN.fullmatch(word) or THIS_KK.fullmatch(word))


@functools.lru_cache(maxsize=100_000)
def level_named(word, number_first=False):
    """The level a folded word names ("статьей" → ARTICLE), written before its number or (Kazakh) after it."""
    for level, pattern in WORDS_AFTER if number_first else WORDS_BEFORE:
        if pattern.fullmatch(word):
            return level
    return None


def owner_named(word):
    for owner, pattern in OWNER_WORDS:
        if pattern.fullmatch(word):
            return owner
    return ""


@dataclass(frozen=True)
class Citing:
    """Where a reference stands: the eids of the citing provision's own article, part, chapter and section (those
    it has), and the attachment it is in ("" in the law's own text)."""

    article: str = ""
    part: str = ""
    chapter: str = ""
    section: str = ""
    attachment: str = ""

    def own(self, level):
        return {ARTICLE: self.article, PART: self.part, CHAPTER: self.chapter, SECTION: self.section}.get(level, "")


class Resolver:
    """Resolves targets in one edition: its eids, and the items of each article whatever part they are in."""

    def __init__(self, eids):
        self.eids = set(eids)
        self.items = {}  # (article eid, item number) → item eids within any of its parts
        article_prefix, item_prefix = vocabulary.eid_prefix(ARTICLE), vocabulary.eid_prefix(ITEM)
        for eid in self.eids:
            pieces = eid.split(vocabulary.SEPARATOR)
            if not pieces[-1].startswith(item_prefix):
                continue
            article = next((i for i in range(len(pieces) - 1, -1, -1) if pieces[i].startswith(article_prefix)), None)
            if article is not None:
                key = (vocabulary.SEPARATOR.join(pieces[: article + 1]), pieces[-1][len(item_prefix) :])
                self.items.setdefault(key, []).append(eid)

    def resolve(self, target, citing):
        """(eid, exists): the provision the target names in this edition, or the eid it would have and False;
        (None, False) when the target cannot be placed (another act's, or a part with no article around it)."""
        if target.external:
            return None, False
        levels = dict(target.levels)
        base = self.base(levels, target.owner, citing)
        if base is None:
            return None, False
        eid = base
        for level in (PART, ITEM):
            if level in levels and not (eid and vocabulary.kind_of(eid) == level):
                if level == ITEM and PART not in levels and vocabulary.kind_of(eid) == ARTICLE:
                    return self.item_of_article(eid, levels[ITEM])
                eid = f"{eid}{vocabulary.SEPARATOR}{vocabulary.segment_eid(level, levels[level])}"
        return eid, eid in self.eids

    def base(self, levels, owner, citing):
        """The eid the target's own levels hang from: its article, chapter or section, or the citing one's."""
        scope = f"{citing.attachment}{vocabulary.SEPARATOR}" if citing.attachment else ""
        for level in (ARTICLE, CHAPTER, SECTION):
            if level in levels:
                return scope + vocabulary.segment_eid(level, levels[level])
        if owner == "part" and (ITEM in levels or not levels):
            return citing.part or None
        if owner in RELATIVE and RELATIVE[owner] in (CHAPTER, SECTION):
            return citing.own(RELATIVE[owner]) or None
        return citing.article or None

    @staticmethod
    def eid_in_another_act(target):
        """The eid a target would have in the act it names ("art_44__subpara_9"): that act's structure is not
        known here, so its levels are taken as printed."""
        numbered = [(level, number) for level, number in target.levels if level != FRAGMENT]
        top = [level for level, _number in numbered if level in (ARTICLE, CHAPTER, SECTION)]
        if top and top[0] == ARTICLE:
            numbered = [(level, number) for level, number in numbered if level in (ARTICLE, PART, ITEM)]
        return vocabulary.SEPARATOR.join(vocabulary.segment_eid(level, number) for level, number in numbered)

    def item_of_article(self, article, number):
        """ "Article 9, item 3" names item 3 whether it stands in the article or in one of its parts: the one item
        so numbered, else (several parts have one) the article itself."""
        direct = f"{article}{vocabulary.SEPARATOR}{vocabulary.segment_eid(ITEM, number)}"
        if direct in self.eids:
            return direct, True
        candidates = self.items.get((article, number), [])
        if len(candidates) == 1:
            return candidates[0], True
        if candidates:
            return article, article in self.eids
        return direct, False
