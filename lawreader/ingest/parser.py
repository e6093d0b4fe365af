"""Read an official statute text into a tree of provisions.

Pure Python, no Django: text in, a `ParsedStatute` out, or a `StatuteSyntaxError` that names the line.

The layout is the one Kazakhstan's legal information system publishes, in Russian, Kazakh and English:
chapters ("Глава 2.", "2-тарау.", "Chapter 2."), articles ("Статья 9-1.", "9-1-бап.", "Article 9-1."),
numbered parts ("1."), items ("1)", "20-1)"), unnumbered paragraphs, footnotes ("Сноска.", "Ескерту.",
"Footnote.") after the unit they describe, and publisher notes ("Примечание РЦПИ!"). Two forms are read:
Markdown exports (a table of contents, then `#` title, `##` chapters, `###` articles) and plain text as copied
from the site (headings are recognised by their words; a leading table of contents is skipped).
"""

import hashlib
import re
from dataclasses import dataclass, field

from lawreader.vocabulary import ARTICLE, CHAPTER, DOCUMENT, ITEM, PART, PREAMBLE, TEXT, child_eid

NUMBER = r"\d+(?:-\d+)*"

CHAPTER_RE = re.compile(
    rf"^(?:(?:Глава|Chapter|ГЛАВА|CHAPTER)\s+(?P<num>{NUMBER})|(?P<kknum>{NUMBER})\s*-\s*тарау)\s*\.?\s*(?P<heading>.*)$"
)
ARTICLE_RE = re.compile(
    rf"^(?:(?:Статья|Article|СТАТЬЯ|ARTICLE)\s+(?P<num>{NUMBER})|(?P<kknum>{NUMBER})\s*-\s*бап)\s*\.\s*(?P<heading>.*)$"
)
# A heading word with no usable number after it ("Статья . Title", "Chapter", "### Article X").
NUMBERLESS_HEADING_RE = re.compile(r"^(?P<word>Глава|Chapter|Статья|Article)(?:\s*\.?\s*$|\s*\.\s|\s+[^\d\s])")
PART_RE = re.compile(rf"^(?P<num>{NUMBER})\.\s+(?P<text>\S.*)$")
ITEM_RE = re.compile(rf"^(?P<num>{NUMBER})\)\s*(?P<text>\S.*)$")
FOOTNOTE_RE = re.compile(r"^(?:Сноска|Ескерту|Footnote)\s*\.\s*(?P<text>.*)$")
PUBLISHER_NOTE_RE = re.compile(
    r"^(?P<marker>Примечание\s+(?:РЦПИ|ИЗПИ)|(?:РҚАО|ЗҚАИ)-ның\s+ескертпесі|Note\s+of\s+(?:RCLI|ILLI))\s*!\s*(?P<text>.*)$"
)
# The signature block after the last article: "Президент Республики Казахстан   Н. Назарбаев" and its variants.
SIGNATURE_RE = re.compile(
    r"^(?:Президент(?:\s+Республики\s+Казахстан)?|Қазақстан\s+Республикасының(?:\s+Президенті)?"
    r"|President(?:\s+of\s+the\s+Republic\s+of\s+Kazakhstan)?)(?:\s{2,}\S.*)?$"
)
MARKDOWN_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")

SOFT_HYPHEN = "\u00ad"
# Latin "i" typed inside Kazakh words where the Cyrillic "і" belongs.
LATIN_I_IN_CYRILLIC_RE = re.compile(r"(?<=[\u0400-\u04ff])[iI]|[iI](?=[\u0400-\u04ff])")


NOTE_FOOTNOTE = "footnote"
NOTE_PUBLISHER = "publisher"


EXPECTED_ARTICLE = "an article heading such as 'Статья 1. …', '1-бап. …' or 'Article 1. …'"
EXPECTED_CHAPTER = "a chapter heading such as 'Глава 1. …', '1-тарау. …' or 'Chapter 1. …'"


class StatuteSyntaxError(ValueError):
    """The text cannot be read as a statute; `line` is 1-based."""

    def __init__(self, line, problem, expected=""):
        self.line = line
        self.problem = problem
        self.expected = expected
        message = f"line {line}: {problem}"
        if expected:
            message += f"; expected {expected}"
        super().__init__(message)


@dataclass
class Note:
    kind: str  # NOTE_FOOTNOTE or NOTE_PUBLISHER
    text: str
    line: int
    marker: str = ""


@dataclass
class Node:
    kind: str
    number: str = ""
    heading: str = ""
    text: str = ""
    line: int = 0
    eid: str = ""
    content_hash: str = ""
    children: list["Node"] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def walk(self):
        """This node and its descendants, depth first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ParsedStatute:
    title: str
    root: Node
    signature: str = ""

    def count(self, kind):
        return sum(1 for node in self.root.walk() if node.kind == kind)

    @property
    def provision_count(self):
        """Every provision but the document root."""
        return sum(1 for _ in self.root.walk()) - 1

    @property
    def note_count(self):
        return sum(len(node.notes) for node in self.root.walk())


def number_key(number):
    """'9-1' → (9, 1): inserted numbers sort right after the number they extend."""
    return tuple(int(part) for part in number.split("-"))


@dataclass
class Paragraph:
    line: int
    text: str
    markdown_level: int = 0  # 1 for "# …", 2 for "## …"; 0 for body text


def normalize(text, language):
    text = text.replace(SOFT_HYPHEN, "").replace("\u00a0", " ").replace("\ufeff", "")
    if language == "kk":
        text = LATIN_I_IN_CYRILLIC_RE.sub(lambda match: "і" if match.group() == "i" else "І", text)
    return re.sub(r"\s+", " ", text).strip()


def split_paragraphs(source, language):
    paragraphs = []
    for line_number, raw_line in enumerate(source.splitlines(), start=1):
        text = normalize(raw_line, language)
        if not text:
            continue
        heading = MARKDOWN_HEADING_RE.match(text)
        if heading:
            paragraphs.append(Paragraph(line_number, heading.group("text"), len(heading.group("hashes"))))
        else:
            paragraphs.append(Paragraph(line_number, text))
    return paragraphs


def heading_of(paragraph):
    """(kind, number, heading) for a chapter or article heading line, else None."""
    for kind, pattern in ((CHAPTER, CHAPTER_RE), (ARTICLE, ARTICLE_RE)):
        match = pattern.match(paragraph.text)
        if match:
            return kind, match.group("num") or match.group("kknum"), match.group("heading").strip()
    return None


def strip_table_of_contents(paragraphs):
    """Split off the front matter and drop a table of contents.

    Returns (title, front matter paragraphs, body paragraphs). In a Markdown export everything before the
    `#` title is the table of contents. In plain text, the table of contents is the run of headings that ends
    where the first heading appears a second time (the body starts over at Chapter 1 / Article 1).
    """
    markdown_title = next((i for i, p in enumerate(paragraphs) if p.markdown_level == 1), None)
    if markdown_title is not None:
        after_title = paragraphs[markdown_title + 1 :]
        first_heading = next((i for i, p in enumerate(after_title) if p.markdown_level >= 2), len(after_title))
        return paragraphs[markdown_title].text, after_title[:first_heading], after_title[first_heading:]

    heading_indexes = [i for i, p in enumerate(paragraphs) if heading_of(p)]
    if not heading_indexes:
        return "", paragraphs, []
    first = heading_indexes[0]
    first_key = heading_of(paragraphs[first])[:2]
    restart = next((i for i in heading_indexes[1:] if heading_of(paragraphs[i])[:2] == first_key), None)
    if restart is None:
        front, body = paragraphs[:first], paragraphs[first:]
    else:
        last_toc_heading = max(i for i in heading_indexes if i < restart)
        front = paragraphs[:first] + paragraphs[last_toc_heading + 1 : restart]
        body = paragraphs[restart:]
    title = ""
    if front and looks_like_title(front[0].text):
        title = front.pop(0).text
    return title, front, body


def looks_like_title(text):
    return (
        len(text) < 200 and not text.endswith((".", ";", ":")) and not PART_RE.match(text) and not ITEM_RE.match(text)
    )


class TreeBuilder:
    """Builds the provision tree paragraph by paragraph, checking numbering as it goes."""

    def __init__(self):
        self.root = Node(DOCUMENT, line=0)
        self.preamble = None
        self.chapter = None
        self.article = None
        self.part = None
        self.item = None
        self.last_number = {}  # (id(parent), kind) → (number, line)
        self.seen_articles = {}  # number → line
        self.pending_publisher_note = None

    # --- structure -----------------------------------------------------------------------------------------

    def check_order(self, parent, kind, number, line, label):
        key = (id(parent), kind)
        previous = self.last_number.get(key)
        if previous is not None:
            previous_number, previous_line = previous
            if number_key(number) == number_key(previous_number):
                raise StatuteSyntaxError(
                    line,
                    f"duplicate {label} number {number} (already used at line {previous_line})",
                    f"the next {label} to be numbered after {previous_number}",
                )
            if number_key(number) < number_key(previous_number):
                raise StatuteSyntaxError(
                    line,
                    f"{label} {number} comes after {label} {previous_number} (line {previous_line}): "
                    "numbering goes backwards",
                    f"the next {label} to be numbered after {previous_number}",
                )
        self.last_number[key] = (number, line)

    def add_chapter(self, number, heading, line):
        self.check_order(self.root, CHAPTER, number, line, "chapter")
        self.chapter = Node(CHAPTER, number=number, heading=heading, line=line)
        self.root.children.append(self.chapter)
        self.article = self.part = self.item = None

    def add_article(self, number, heading, line, expects_chapters):
        if expects_chapters and self.chapter is None:
            raise StatuteSyntaxError(line, f"article {number} comes before any chapter", EXPECTED_CHAPTER)
        if number in self.seen_articles:
            raise StatuteSyntaxError(
                line,
                f"duplicate article number {number} (already used at line {self.seen_articles[number]})",
                "each article number once",
            )
        self.check_order(self.root, ARTICLE, number, line, "article")
        self.seen_articles[number] = line
        self.article = Node(ARTICLE, number=number, heading=heading, line=line)
        (self.chapter or self.root).children.append(self.article)
        self.part = self.item = None

    def add_part(self, number, text, line):
        if self.article is None:
            raise StatuteSyntaxError(line, f"numbered part '{number}.' comes before any article", EXPECTED_ARTICLE)
        self.check_order(self.article, PART, number, line, "part")
        self.part = Node(PART, number=number, text=text, line=line)
        self.article.children.append(self.part)
        self.item = None

    def add_item(self, number, text, line):
        if self.article is None:
            raise StatuteSyntaxError(line, f"item '{number})' comes before any article", EXPECTED_ARTICLE)
        parent = self.part or self.article
        self.check_order(parent, ITEM, number, line, "item")
        self.item = Node(ITEM, number=number, text=text, line=line)
        parent.children.append(self.item)

    def add_text(self, text, line):
        parent = self.item or self.part or self.article or self.chapter
        if parent is None:
            self.add_preamble_text(text, line)
            return
        parent.children.append(Node(TEXT, text=text, line=line))

    def add_preamble_text(self, text, line):
        if self.preamble is None:
            self.preamble = Node(PREAMBLE, text=text, line=line)
            self.root.children.insert(0, self.preamble)
        else:
            self.preamble.text += "\n\n" + text

    # --- notes ---------------------------------------------------------------------------------------------

    def note_target(self):
        """Footnotes describe the unit they close: the article, else the chapter, else the preamble."""
        return self.article or self.chapter or self.preamble or self.root

    def add_footnote(self, text, line):
        if not text:
            raise StatuteSyntaxError(line, "footnote with no text", "'Сноска. …' followed by the note")
        self.note_target().notes.append(Note(NOTE_FOOTNOTE, text, line))

    def start_publisher_note(self, marker, text, line):
        note = Note(NOTE_PUBLISHER, text, line, marker=marker)
        self.note_target().notes.append(note)
        # The marker usually stands alone and the note's text is the next paragraph.
        self.pending_publisher_note = None if text else note

    def take_publisher_note_text(self, text):
        if self.pending_publisher_note is None:
            return False
        self.pending_publisher_note.text = text
        self.pending_publisher_note = None
        return True


def parse_statute(source, language="ru"):
    """Parse a statute's text. Raises StatuteSyntaxError naming the line it could not read."""
    paragraphs = split_paragraphs(source, language)
    if not paragraphs:
        raise StatuteSyntaxError(1, "the file has no text", EXPECTED_ARTICLE)
    title, front, body = strip_table_of_contents(paragraphs)
    builder = TreeBuilder()
    expects_chapters = any((heading_of(p) or ("",))[0] == CHAPTER or (p.markdown_level == 2) for p in body)

    for paragraph in front:
        read_note_or_text(builder, paragraph, preamble=True)

    signature = []
    for paragraph in body:
        if signature:
            signature.append(paragraph.text)
            continue
        if builder.article is not None and paragraph.markdown_level == 0 and SIGNATURE_RE.match(paragraph.text):
            signature.append(paragraph.text)
            continue
        read_body_paragraph(builder, paragraph, expects_chapters)

    if builder.pending_publisher_note is not None:
        raise StatuteSyntaxError(
            builder.pending_publisher_note.line, "publisher note with no text", "the note's text on the next line"
        )
    if not builder.seen_articles:
        raise StatuteSyntaxError(paragraphs[-1].line, "the text has no articles", EXPECTED_ARTICLE)
    assign_eids(builder.root)
    assign_content_hashes(builder.root)
    return ParsedStatute(title=title, root=builder.root, signature=" ".join(signature))


def read_body_paragraph(builder, paragraph, expects_chapters):
    text, line = paragraph.text, paragraph.line
    heading = heading_of(paragraph)
    if paragraph.markdown_level and not heading:
        wanted = EXPECTED_CHAPTER if paragraph.markdown_level == 2 else EXPECTED_ARTICLE
        raise StatuteSyntaxError(line, f"heading '{text}' has no chapter or article number", wanted)
    if heading:
        kind, number, title = heading
        if kind == CHAPTER:
            builder.add_chapter(number, title, line)
        else:
            builder.add_article(number, title, line, expects_chapters)
        return
    numberless = NUMBERLESS_HEADING_RE.match(text)
    if numberless:
        wanted = EXPECTED_CHAPTER if numberless.group("word") in ("Глава", "Chapter") else EXPECTED_ARTICLE
        raise StatuteSyntaxError(line, f"heading '{text}' has no number", wanted)
    if read_note_or_text(builder, paragraph, preamble=False):
        return
    part = PART_RE.match(text)
    if part:
        builder.add_part(part.group("num"), part.group("text"), line)
        return
    item = ITEM_RE.match(text)
    if item:
        builder.add_item(item.group("num"), item.group("text"), line)
        return
    builder.add_text(text, line)


def read_note_or_text(builder, paragraph, preamble):
    """Notes anywhere; in the front matter every other paragraph is preamble. True when consumed."""
    text, line = paragraph.text, paragraph.line
    if builder.take_publisher_note_text(text):
        return True
    footnote = FOOTNOTE_RE.match(text)
    if footnote:
        builder.add_footnote(footnote.group("text"), line)
        return True
    publisher = PUBLISHER_NOTE_RE.match(text)
    if publisher:
        builder.start_publisher_note(publisher.group("marker"), publisher.group("text"), line)
        return True
    if preamble:
        if paragraph.markdown_level:
            raise StatuteSyntaxError(line, f"unexpected heading '{text}' before the first chapter or article")
        numbered = PART_RE.match(text) or ITEM_RE.match(text)
        if numbered:
            label = (
                f"numbered part '{numbered.group('num')}.'"
                if PART_RE.match(text)
                else f"item '{numbered.group('num')})'"
            )
            raise StatuteSyntaxError(line, f"{label} comes before any article", EXPECTED_ARTICLE)
        builder.add_preamble_text(text, line)
        return True
    return False


def assign_eids(node):
    """Akoma Ntoso-style ids (see lawreader/vocabulary.py); unnumbered paragraphs count among their siblings."""
    text_count = 0
    for child in node.children:
        if child.kind == TEXT:
            text_count += 1
        number = str(text_count) if child.kind == TEXT else child.number
        child.eid = child_eid(node.eid, child.kind, number)
        assign_eids(child)


def assign_content_hashes(node):
    """A Merkle hash of the node's own fields and its children's hashes: equal hashes mean equal subtrees."""
    digest = hashlib.sha256()
    for value in (node.kind, node.number, node.heading, node.text):
        digest.update(value.encode())
        digest.update(b"\x1f")
    for child in node.children:
        digest.update(assign_content_hashes(child).encode())
    node.content_hash = digest.hexdigest()[:32]
    return node.content_hash
