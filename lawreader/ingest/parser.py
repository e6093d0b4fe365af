"""Read an official statute text into a tree of provisions.

Pure Python, no Django: text in, a `ParsedStatute` out, or a `StatuteSyntaxError` that names the line.

Faithful first: every paragraph of the text ends up in exactly one provision, note, the signature or the skipped
table of contents, and `parse_statute` checks that no character was lost on the way. Official texts are
irregular — items printed out of order, a number printed twice, a list that restarts — and are read as
published: each irregularity becomes a warning with its line (and eids stay unique the Akoma Ntoso way, "_2"
after a number printed twice); `strict=True` refuses them instead. `layout` recognises the single lines; this
module decides what they mean where they stand.
"""

import datetime
import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from lawreader.ingest import footnotes, layout
from lawreader.vocabulary import (
    ARTICLE,
    ATTACHMENT,
    CHAPTER,
    DIVISION,
    DOCUMENT,
    GROUPING_KINDS,
    HEADED_KINDS,
    ITEM,
    PART,
    PREAMBLE,
    SECTION,
    STARTS_AFRESH,
    SUBCHAPTER,
    SUBSECTION,
    TEXT,
    UNNUMBERED_KINDS,
    child_eid,
    number_key,
)

NOTE_FOOTNOTE = "footnote"
NOTE_PUBLISHER = "publisher"

# Limits that keep one absurd file from exhausting the server: no statute comes near them (the largest code of
# Kazakhstan is about 3 million characters; its longest paragraph a few thousand).
MAX_TEXT_CHARACTERS = 12_000_000
MAX_PARAGRAPH_CHARACTERS = 100_000
MAX_HEADING_CHARACTERS = 500  # longer "headings" are a unit's first sentence

EXPECTED_ARTICLE = "an article heading such as 'Статья 1. …', '1-бап. …' or 'Article 1. …'"
EXPECTED_STRUCTURE = (
    "a statute: a title ('# О …'), headings ('Глава 1.', 'Статья 1.', '1-бап.', 'Article 1.') or numbered parts"
)
# Nesting, outermost first: a unit closes every open unit at its level or below.
LEVEL = {ATTACHMENT: 0, DIVISION: 1, SECTION: 2, SUBSECTION: 3, CHAPTER: 4, SUBCHAPTER: 5, ARTICLE: 6, PART: 7, ITEM: 8}
SENTENCE_END = (".", "!", "?", ";", ":", "»", '"', "”", ")")


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


@dataclass(frozen=True)
class ParseWarning:
    line: int
    message: str

    def __str__(self):
        return f"line {self.line}: {self.message}"


@dataclass
class Note:
    kind: str  # NOTE_FOOTNOTE or NOTE_PUBLISHER
    text: str
    line: int
    marker: str = ""


@dataclass
class Node:
    kind: str
    number: str = ""  # as printed: "9-1", "XVI"
    heading: str = ""
    text: str = ""
    line: int = 0
    eid: str = ""
    content_hash: str = ""
    children: list["Node"] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    eid_number: str = ""  # the number in the eid when it differs from the printed one ("16" for "XVI")
    range_of: tuple = ()  # an unnumbered paragraph that stands for excluded units: (kind, first, last)

    def walk(self):
        """This node and its descendants, depth first, in document order."""
        # A stack rather than nested generators, whose cost grows with the depth of every node.
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


@dataclass
class ParsedStatute:
    title: str
    root: Node
    signature: str = ""
    warnings: list[ParseWarning] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # the table of contents, which the headings repeat
    # What an Akoma Ntoso document states of its edition (a plain text states neither): its language, its date.
    language: str = ""
    valid_from: datetime.date | None = None

    @property
    def adopted(self):
        """The date the closing block states (the act's adoption), as a date, or None."""
        return layout.stated_date(self.signature)

    @property
    def number(self):
        """The act's number as its closing block prints it ("277-IV"), or ""."""
        return layout.stated_number(self.signature)

    def count(self, kind):
        return sum(1 for node in self.root.walk() if node.kind == kind)

    @property
    def provision_count(self):
        """Every provision but the document root."""
        return sum(1 for _ in self.root.walk()) - 1

    @property
    def note_count(self):
        return sum(len(node.notes) for node in self.root.walk())

    def outline(self):
        """The structure as a reader sees it, one line per unit, indented by depth: "section II", "  chapter I",
        "    article 10", "attachment 1", "articles 37-61"; in an act without articles, its numbered points."""
        has_articles = self.count(ARTICLE) > 0
        lines = []

        def visit(node, depth):
            for child in node.children:
                if child.kind in HEADED_KINDS:
                    lines.append(f"{'  ' * depth}{child.kind} {child.number}")
                    visit(child, depth + 1)
                elif child.range_of and child.range_of[0] == ARTICLE:
                    lines.append(f"{'  ' * depth}articles {child.range_of[1]}-{child.range_of[2]}")
                elif child.kind in (PART, ITEM) and not has_articles:
                    lines.append(f"{'  ' * depth}part {child.number}")

        visit(self.root, 0)
        return lines


@dataclass
class Paragraph:
    line: int
    text: str
    markdown_level: int = 0  # 1 for "# …", 2 for "## …"; 0 for body text

    @functools.cached_property
    def heading(self):
        """The heading the paragraph is, or None (layout.heading_of): asked several times of every paragraph, once
        split_paragraphs has completed its text."""
        return layout.heading_of(self.text, self.markdown_level)


# --- reading lines -------------------------------------------------------------------------------------------

# A heading run into the paragraph before it: "… надзора. # Глава VIII."
INLINE_HEADING_RE = re.compile(r"(?<=\S)\s+(?=#{1,6}\s+\S)")


def split_paragraphs(source, language, warnings):
    paragraphs = []
    for line_number, raw_line in enumerate(source.splitlines(), start=1):
        text = raw_line and layout.normalize(raw_line, language)
        if not text:
            continue
        if len(text) > MAX_PARAGRAPH_CHARACTERS:
            raise StatuteSyntaxError(
                line_number,
                f"a paragraph of {len(text):,} characters (at most {MAX_PARAGRAPH_CHARACTERS:,} are read)",
                "a statute's text, one paragraph per line",
            )
        pieces = INLINE_HEADING_RE.split(text) if "#" in text else [text]
        for position, piece in enumerate(pieces):
            heading = piece.startswith("#") and layout.MARKDOWN_HEADING_RE.match(piece)
            if heading and position and not layout.heading_of(heading["text"], len(heading["hashes"])):
                paragraphs[-1].text += " " + piece  # a "#" inside the text, not a heading
                continue
            if position:
                warnings.append(ParseWarning(line_number, f"heading '{piece[:60]}' inside a paragraph: split off"))
            if heading:
                # A heading run into a paragraph is a division's, never a second title.
                level = len(heading["hashes"]) if not position else max(2, len(heading["hashes"]))
                paragraphs.append(Paragraph(line_number, heading["text"], level))
            else:
                paragraphs.append(Paragraph(line_number, piece))
    return paragraphs


def check_is_text(source, max_characters=MAX_TEXT_CHARACTERS):
    if not source.strip():
        raise StatuteSyntaxError(1, "the file has no text", EXPECTED_STRUCTURE)
    if len(source) > max_characters:
        raise StatuteSyntaxError(
            1, f"the text has {len(source):,} characters, more than the {max_characters:,} a statute may have"
        )
    controls = sum(1 for character in source[:100_000] if ord(character) < 32 and character not in "\t\n\r\f\v")
    if controls:
        first = next(i for i, c in enumerate(source) if ord(c) < 32 and c not in "\t\n\r\f\v")
        raise StatuteSyntaxError(
            source.count("\n", 0, first) + 1,
            f"the file holds {controls} control characters: it is not a text file",
            EXPECTED_STRUCTURE,
        )


# --- front matter: title and table of contents ----------------------------------------------------------------


def split_front_matter(paragraphs, warnings):
    """(title, front notes, skipped table of contents, body paragraphs).

    In a Markdown export everything before the `#` title is a table of contents (footnotes apart). After the
    title, and in plain text, a table of contents is a run of heading lines (and their wrapped continuations)
    that ends where its first heading starts over.
    """
    skipped = []
    front_notes = []
    title = ""
    markdown_title = next((i for i, p in enumerate(paragraphs) if p.markdown_level == 1), None)
    if markdown_title is not None:
        for paragraph in paragraphs[:markdown_title]:
            (front_notes if layout.FOOTNOTE_RE.match(paragraph.text) else skipped).append(paragraph)
        title = paragraphs[markdown_title].text
        body = paragraphs[markdown_title + 1 :]
    else:
        body = list(paragraphs)

    first_heading = next((i for i, p in enumerate(body) if p.heading), len(body))
    markers = [
        i for i, p in enumerate(body[:first_heading]) if p.text.lower().rstrip(":.") in layout.TABLE_OF_CONTENTS_MARKERS
    ]
    skipped.extend(body[i] for i in markers)
    dropped = set(markers)
    body = [p for i, p in enumerate(body) if i not in dropped]
    start, end = table_of_contents_run(body)
    if end > start:
        skipped.extend(body[start:end])
        body = body[:start] + body[end:]
    if not title and body and looks_like_title(body[0].text) and not layout.heading_of(body[0].text):
        title = body.pop(0).text  # plain text: the first line (after any table of contents)
    if skipped:
        warnings.append(
            ParseWarning(skipped[0].line, f"table of contents skipped (lines {skipped[0].line}–{skipped[-1].line})")
        )
    return title, front_notes, skipped, body


def table_of_contents_run(paragraphs):
    """(start, end) of a table of contents in `paragraphs`, or (0, 0)."""
    headings = [(i, p.heading) for i, p in enumerate(paragraphs)]
    headings = [(i, h) for i, h in headings if h is not None and h.kind != ATTACHMENT]
    if len(headings) < 2:
        return 0, 0
    first_index, first = headings[0]
    for index, heading in headings[1:]:
        if (heading.kind, heading.eid_number) == (first.kind, first.eid_number):
            # The contents end with their last entry; the title and preamble may stand between them and the body.
            heading_lines = {i for i, _ in headings}
            end = max(i for i in heading_lines if i < index) + 1
            run = paragraphs[first_index:end]
            entries = [(h.kind, h.eid_number) for i, h in headings if first_index <= i < end]
            repeated = [(h.kind, h.eid_number) for i, h in headings if i >= index][:2]
            is_contents = all(
                first_index + offset in heading_lines or is_entry_continuation(p) for offset, p in enumerate(run)
            )
            # At least two entries, which the body then repeats: one heading seen twice is not a contents.
            if is_contents and len(entries) >= 2 and entries[:2] == repeated:
                return first_index, end
            return 0, 0
    return 0, 0


def is_entry_continuation(paragraph):
    """A wrapped line of a contents entry: short, and no sentence."""
    text = paragraph.text
    return len(text) < 150 and not text.endswith((".", ";", ":")) and not layout.FOOTNOTE_RE.match(text)


def looks_like_title(text):
    return (
        len(text) < 300
        and not text.endswith((".", ";", ":"))
        and not layout.PART_RE.match(text)
        and not layout.ITEM_RE.match(text)
        and not layout.FOOTNOTE_RE.match(text)
    )


# --- the tree ------------------------------------------------------------------------------------------------


class TreeBuilder:
    """Builds the provision tree paragraph by paragraph: a stack of open units, each closing those at its level."""

    def __init__(self, strict, warnings, has_own_units=True):
        self.strict = strict
        self.has_own_units = has_own_units  # headings of its own, before any attachment: else it has no preamble
        self.warnings = warnings
        self.root = Node(DOCUMENT, line=0)
        self.stack = [self.root]
        self.preamble = None
        self.titled_attachments = set()  # ids of attachments whose title is read
        self.unnumbered_counts = {}  # (id(scope), kind) → how many attachments or code halves so far
        self.last_number = {}  # (id(numbering scope), kind) → (number, line)
        self.seen_numbers = {}  # (id(numbering scope), kind) → {number key: line first printed}
        self.pending_publisher_note = None
        self.last_heading = None  # the heading read last, while nothing else followed it

    def irregular(self, line, message, expected=""):
        if self.strict:
            raise StatuteSyntaxError(line, message, expected)
        self.warnings.append(ParseWarning(line, message))

    @property
    def innermost(self):
        return self.stack[-1]

    @property
    def attachment(self):
        return self.stack[1] if len(self.stack) > 1 and self.stack[1].kind == ATTACHMENT else None

    def in_body(self):
        """Has the first unit (heading, part, item or attachment) been read?"""
        return len(self.stack) > 1

    # --- units ---------------------------------------------------------------------------------------------

    def open_unit(self, node):
        level = LEVEL[node.kind]
        while len(self.stack) > 1 and LEVEL[self.stack[-1].kind] >= level:
            self.stack.pop()
        parent = self.stack[-1]
        if node.kind in UNNUMBERED_KINDS:
            count = self.unnumbered_counts[id(self.attachment or self.root), node.kind] = (
                self.unnumbered_counts.get((id(self.attachment or self.root), node.kind), 0) + 1
            )
            node.number = node.eid_number = str(count)
        else:
            self.check_order(parent, node)
        parent.children.append(node)
        self.stack.append(node)
        self.last_heading = node if node.kind in HEADED_KINDS else None

    def check_order(self, parent, node):
        scope = (self.attachment or self.root) if node.kind in STARTS_AFRESH else parent
        key = (id(scope), node.kind)
        number = node.eid_number or node.number
        label = {PART: "part", ITEM: "item"}.get(node.kind, node.kind)
        seen = self.seen_numbers.setdefault(key, {})
        previous = self.last_number.get(key)
        if self.starts_new_list(parent, node, previous):
            seen.clear()  # a list restarting at 1 after its own lead-in paragraph is a new list, as printed
            previous = None
        if number_key(number) in seen:
            self.irregular(
                node.line,
                f"{label} {node.number} printed twice (first at line {seen[number_key(number)]})",
                f"the next {label} to be numbered after {previous[0]}",
            )
        elif previous is not None and number_key(number) < number_key(previous[0]):
            self.irregular(
                node.line,
                f"{label} {node.number} comes after {label} {previous[0]} (line {previous[1]}): "
                "numbering goes backwards",
                f"the next {label} to be numbered after {previous[0]}",
            )
        seen.setdefault(number_key(number), node.line)
        self.last_number[key] = (number, node.line)

    def starts_new_list(self, parent, node, previous):
        lead_in = parent.children[-1] if parent.children else None
        return (
            not self.strict
            and node.kind in (PART, ITEM)
            and previous is not None
            and number_key(node.number) == (1,)
            and lead_in is not None
            # after an unnumbered lead-in, or a point that introduces the list ("9. … утвердила:" then "1. …")
            and (lead_in.kind == TEXT or (lead_in.text.endswith(":") and not lead_in.children))
        )

    def add_heading(self, heading, paragraph):
        if heading.last_number:
            self.add_range(ARTICLE, heading, paragraph)
            return
        title = heading.title
        node = Node(heading.kind, number=heading.number, eid_number=heading.eid_number, line=paragraph.line)
        if (heading.kind == ARTICLE and layout.is_sentence(title)) or len(title) > MAX_HEADING_CHARACTERS:
            # "Статья 1. Внести в Закон … следующие изменения:": a heading run into the article's first sentence.
            self.open_unit(node)
            self.last_heading = None
            self.add_text(title, paragraph.line)
            return
        node.heading = title
        self.open_unit(node)

    def add_range(self, kind, heading, paragraph):
        """Excluded units printed as one line ("37-61-баптар. Алынып тасталды"): kept as that line."""
        node = Node(
            TEXT, text=paragraph.text, line=paragraph.line, range_of=(kind, heading.number, heading.last_number)
        )
        parent = self.stack[-1]
        while len(self.stack) > 1 and LEVEL[self.stack[-1].kind] >= LEVEL[kind]:
            self.stack.pop()
            parent = self.stack[-1]
        parent.children.append(node)
        scope = self.attachment or self.root
        self.last_number[(id(scope), kind)] = (heading.last_number, paragraph.line)
        self.last_heading = None

    def add_attachment(self, title, line):
        fresh = self.fresh_attachment()
        if fresh is not None:
            # A title under the attachment's first line: "Приложение 1" then "Список …" name it together; a label
            # ("Бейресми аударма", "Unofficial translation") stays as its first paragraph.
            self.titled_attachments.add(id(fresh))
            if layout.ATTACHMENT_RE.match(fresh.heading):
                fresh.heading = f"{fresh.heading} {title}"[:MAX_HEADING_CHARACTERS]
                return
            label, fresh.heading = fresh.heading, title
            if label:
                fresh.children.append(Node(TEXT, text=label, line=fresh.line))
            return
        if len(title) > MAX_HEADING_CHARACTERS:
            self.open_unit(Node(ATTACHMENT, line=line))
            self.add_text(title, line)
        else:
            self.open_unit(Node(ATTACHMENT, heading=title, line=line))

    def fresh_attachment(self):
        """The attachment just opened, while nothing but its first line (and notes) has been read, else None."""
        node = self.innermost
        fresh = node.kind == ATTACHMENT and not node.children and id(node) not in self.titled_attachments
        return node if fresh else None

    def add_numbered(self, kind, number, text, line):
        self.open_unit(Node(kind, number=number, text=text, line=line))
        self.last_heading = None

    def add_item_range(self, matched, paragraph):
        parent = (self.innermost.kind == ITEM and self.stack[-2]) or self.innermost
        if self.innermost.kind == ITEM:
            self.stack.pop()
        parent.children.append(
            Node(TEXT, text=paragraph.text, line=paragraph.line, range_of=(ITEM, matched["first"], matched["last"]))
        )
        self.last_number[(id(parent), ITEM)] = (matched["last"], paragraph.line)

    def add_text(self, text, line, list_goes_on=True):
        if not self.in_body():
            self.add_opening_text(text, line)
            return
        if self.last_heading is not None and self.continues_heading(text):
            self.last_heading.heading = f"{self.last_heading.heading} {text}".strip()
            self.warnings.append(ParseWarning(line, "heading continued on this line: joined to its first line"))
            return
        self.last_heading = None
        if not list_goes_on and self.closes_list(text):
            self.stack.pop()
        self.innermost.children.append(Node(TEXT, text=text, line=line))

    def add_subheading(self, text, line):
        """A heading that is no unit of the law, kept as text of the unit it stands in (not of its last part)."""
        if not self.in_body():
            self.add_opening_text(text, line)
            return
        while self.innermost.kind in (PART, ITEM):
            self.stack.pop()
        self.last_heading = None
        self.innermost.children.append(Node(TEXT, text=text, line=line))

    def continues_heading(self, text):
        """A heading wrapped onto the next line: a title-less division's title, or a line going on in lower case."""
        heading = self.last_heading
        if len(text) > 200 or text.endswith((";", ":")) or len(heading.heading) + len(text) >= MAX_HEADING_CHARACTERS:
            return False
        if not heading.heading:
            return heading.kind in GROUPING_KINDS and not text.endswith(".")
        if heading.heading.count("(") > heading.heading.count(")"):
            return True  # "Глава 9. (Исключена - Законом РК от 20 декабря 2004 г." goes on: "N 13 )"
        return text[:1].islower() and not text.endswith(".")

    def closes_list(self, text):
        """After the last item of a list, ending in a full stop, a paragraph in capitals belongs to the item's
        parent (an item's own second paragraph is followed by the next item)."""
        item = self.innermost
        if item.kind != ITEM or not text[:1].isupper():
            return False
        last = item.children[-1].text if item.children else item.text
        return last.rstrip().endswith(".")

    def take_numbered_lead_in(self):
        """An act without articles whose opening sentence is numbered like its first point ("1. … кодексіне мынадай
        толықтырулар енгізілсін:" then "1. …"): the opening sentence is the preamble."""
        top = [child for child in self.root.children if child.kind in (PART, ITEM)]
        if len(top) < 2 or top[0].number != top[1].number or top[0].children or not top[0].text.endswith(":"):
            return
        lead_in = top[0]
        self.root.children.remove(lead_in)
        self.warnings.append(ParseWarning(lead_in.line, "opening sentence numbered like the first point: its lead-in"))
        self.add_opening_text(lead_in.text, lead_in.line)

    def add_opening_text(self, text, line):
        """Text before the first unit: a preamble before articles; in an act without them, the act's own text."""
        if not self.has_own_units:
            position = sum(1 for child in self.root.children if child.kind == TEXT)
            self.root.children.insert(position, Node(TEXT, text=text, line=line))
            return
        self.add_preamble_text(text, line)

    def add_preamble_text(self, text, line):
        if self.preamble is None:
            self.preamble = Node(PREAMBLE, text=text, line=line)
            self.root.children.insert(0, self.preamble)
        else:
            self.preamble.text += "\n\n" + text

    # --- notes ---------------------------------------------------------------------------------------------

    def note_target(self):
        """Footnotes describe the unit they close: the innermost open heading, else the preamble, else the law."""
        for node in reversed(self.stack):
            if node.kind in HEADED_KINDS:
                return node
        return self.preamble or self.root

    def add_footnote(self, text, line, target=None):
        if not text:
            self.irregular(line, "footnote with no text", "'Сноска. …' followed by the note")
        note = Note(NOTE_FOOTNOTE, text, line)
        (target or self.note_target()).notes.append(note)
        return note

    def start_publisher_note(self, marker, text, line, target=None):
        note = Note(NOTE_PUBLISHER, text, line, marker=marker)
        (target or self.note_target()).notes.append(note)
        # The marker usually stands alone and the note's text is the next paragraph.
        self.pending_publisher_note = None if text else note

    def take_publisher_note_text(self, text):
        if self.pending_publisher_note is None:
            return False
        self.pending_publisher_note.text = text
        self.pending_publisher_note = None
        return True


class StatuteReader:
    """Reads the body paragraph by paragraph: structure, quotations, notes and the closing signature."""

    def __init__(self, builder, has_units, track_quotations):
        self.builder = builder
        self.has_units = has_units  # headings or attachments: numbered lines before them are preamble
        self.track_quotations = track_quotations
        self.quotation_line = 0  # where the open quotation began
        self.signature = []
        self.signature_took_two = False
        self.after_signature = False  # reading the signature block and the publisher's notes after it
        self.signature_read = False  # and past them: the signature is read once
        self.open_footnote = None  # a footnote that may go on in the next paragraph
        self.list_goes_on = []  # per paragraph: does an item of the same list follow it?
        self.index = 0  # the paragraph being read
        self.quotation_open = False
        self.markers = []  # the characters read as structure rather than stored: "Статья", "9-1", "."

    def read(self, paragraphs):
        self.list_goes_on = items_ahead(paragraphs)
        index = 0
        while index < len(paragraphs):
            self.index = index
            paragraph = paragraphs[index]
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            index += 1 + self.read_paragraph(paragraph, following)

    def read_paragraph(self, paragraph, following):
        """Reads one paragraph; returns how many following paragraphs it consumed too."""
        builder, text, line = self.builder, paragraph.text, paragraph.line
        if paragraph.markdown_level and text[:1] not in layout.QUOTES:
            self.quotation_open = False  # a heading of the law's own ends any quotation left open by mistake
        if self.quotation_open:
            builder.add_text(text, line)
            self.quotation_open = not layout.closes_quotation(text)
            return 0
        if builder.take_publisher_note_text(text) or self.continues_footnote(text):
            return 0
        if self.reads_signature(paragraph, following):
            return 1 if self.signature_took_two else 0
        if self.after_signature:
            return self.read_after_signature(paragraph)
        if self.read_note(text, line):
            return 0
        heading = paragraph.heading
        if paragraph.markdown_level == 1 and layout.PREAMBLE_HEADING_RE.match(text):
            builder.add_text(text, line)
            return 0
        if paragraph.markdown_level == 1 and (heading is None or heading.kind == ATTACHMENT):
            builder.add_attachment(text, line)  # a second title: the attached agreement, the annex
            return 0
        if heading is None and self.starts_another_document(paragraph):
            builder.add_attachment(text, line)
            return 0
        if heading is not None:
            self.record_marker(text, heading.title if not heading.last_number else text)
            if heading.kind == ATTACHMENT:
                builder.add_attachment(heading.title, line)
            else:
                builder.add_heading(heading, paragraph)
            return 0
        if paragraph.markdown_level:
            self.read_unknown_heading(paragraph)
            return 0
        self.read_body_text(paragraph)
        return 0

    def starts_another_document(self, paragraph):
        """Inside an attached document, the title of the next one ("ПРОТОКОЛ об изъятиях …", "… туралы Хаттама")."""
        text = paragraph.text
        return (
            self.builder.attachment is not None
            and paragraph.markdown_level != 1
            and looks_like_title(text)
            and layout.DOCUMENT_TITLE_RE.search(text) is not None
        )

    def record_marker(self, text, kept):
        self.markers.append(text[: len(text) - len(kept)] if kept and text.endswith(kept) else text)

    def continues_footnote(self, text):
        """A footnote goes on in the next paragraph when it lists its changes there ("Ескерту. …;" then "кіріспе
        алынып тасталды;", "2) по всему тексту …" — in lower case or numbered, after a ";", ":" or ","), or when
        its sentence was broken off mid-way ("… Указа Президента Республики" / "Казахстан, имеющим силу …")."""
        note, self.open_footnote = self.open_footnote, None
        if note is None or layout.heading_of(text) or layout.FOOTNOTE_RE.match(text):
            return False
        # A list of changes goes on after a ";" whatever the case of the next entry, after ":" or "," in lower case.
        listed = (note.text.endswith(";") and not layout.PART_RE.match(text)) or (
            note.text.endswith((":", ",")) and (text[:1].islower() or layout.ITEM_RE.match(text))
        )
        broken_off = not note.text.endswith(SENTENCE_END) and len(text) < MAX_HEADING_CHARACTERS
        # Before the first unit, a paragraph that cites an amending act belongs with the footnotes above it.
        cites_act = not self.builder.in_body() and bool(footnotes.read_footnote(text))
        if not (listed or broken_off or cites_act):
            return False
        note.text += "\n" + text
        self.open_footnote = note
        return True

    def read_note(self, text, line, target=None):
        footnote = layout.FOOTNOTE_RE.match(text)
        if footnote:
            self.record_marker(text, footnote["text"])
            self.open_footnote = self.builder.add_footnote(footnote["text"], line, target)
            return True
        publisher = layout.PUBLISHER_NOTE_RE.match(text)
        if publisher:
            self.record_marker(text, publisher["text"])
            self.markers[-1] = self.markers[-1].replace(publisher["marker"], "", 1)
            self.builder.start_publisher_note(publisher["marker"], publisher["text"], line, target)
            return True
        return False

    def read_unknown_heading(self, paragraph):
        """A Markdown heading that names no unit: a wrapped heading line, or text set as a heading by mistake."""
        builder = self.builder
        if builder.last_heading is not None and builder.continues_heading(paragraph.text):
            builder.add_text(paragraph.text, paragraph.line)
            return
        if paragraph.text[:1] in layout.QUOTES or layout.PREAMBLE_HEADING_RE.match(paragraph.text):
            # A heading quoted by an amendment ("## «320-бап. …»"), or a treaty's "Преамбула": its text.
            builder.add_text(paragraph.text, paragraph.line)
            self.open_quotation(layout.is_quotation_start(paragraph.text), paragraph.line)
            return
        if builder.fresh_attachment() is not None:
            builder.add_attachment(paragraph.text, paragraph.line)  # the attached document's title, under a label
            return
        if builder.attachment is None or layout.NUMBERLESS_HEADING_RE.match(paragraph.text):
            # Attached documents have headings of their own ("А. Наркотические средства"); the law does not.
            builder.irregular(
                paragraph.line,
                f"heading '{paragraph.text[:80]}' names no section, chapter or article: kept as text",
                "a heading such as 'Глава 1. …', '1-бап. …' or 'Article 1. …'",
            )
        builder.add_subheading(paragraph.text, paragraph.line)

    def read_body_text(self, paragraph):
        builder, text, line = self.builder, paragraph.text, paragraph.line
        in_structure = builder.in_body() or not self.has_units
        item_range = layout.ITEM_RANGE_RE.match(text)
        if in_structure and item_range:
            builder.add_item_range(item_range, paragraph)
            return
        numberless = layout.NUMBERLESS_HEADING_RE.match(text)
        if numberless:
            builder.irregular(line, f"heading '{text[:80]}' has no number: kept as text", EXPECTED_ARTICLE)
        for kind, pattern in ((PART, layout.PART_RE), (ITEM, layout.ITEM_RE)):
            numbered = pattern.match(text)
            if numbered and kind == ITEM and layout.ITEM_REFERENCE_RE.match(numbered["text"]):
                numbered = None
            if numbered and not in_structure:
                label = f"numbered part '{numbered['num']}.'" if kind == PART else f"item '{numbered['num']})'"
                builder.irregular(line, f"{label} comes before any article: kept in the preamble", EXPECTED_ARTICLE)
            elif numbered:
                self.record_marker(text, numbered["text"])
                builder.add_numbered(kind, numbered["num"], numbered["text"], line)
                # A point that quotes the start of new wording opens a quotation; one that ends with a colon
                # is a lead-in to its sub-points, whatever its (often unbalanced) citations' quotes.
                opens = layout.quotation_change(numbered["text"]) > 0 and not numbered["text"].endswith(":")
                self.open_quotation(opens, line)
                return
        builder.add_text(text, line, list_goes_on=self.list_goes_on[self.index])
        self.open_quotation(layout.is_quotation_start(text), line)

    def open_quotation(self, opens, line):
        """Paragraphs inside an amendment's quotation are its text, whatever they look like."""
        if opens and self.track_quotations:
            self.quotation_open, self.quotation_line = True, line

    # --- the signature and what follows it -----------------------------------------------------------------

    def reads_signature(self, paragraph, following):
        """Reads the signature: its opening (the President's title, splitting it off a sentence it is glued to),
        then the name, place, date and number. Only the law's own: an attachment's signatories are its text."""
        self.signature_took_two = False
        if paragraph.markdown_level or self.signature_read:
            return False
        text = paragraph.text
        if self.after_signature:
            if layout.SIGNATURE_LINE_RE.match(text) or layout.SIGNATURE_SECOND_HALF_RE.match(text):
                self.signature.append(text)
                return True
            return False
        if not (self.builder.in_body() or self.builder.root.children):
            return False
        following_text = following.text if following is not None else ""
        if not any("резидент" in candidate or "resident" in candidate for candidate in (text, following_text)):
            return False  # every opening names the President
        if layout.SIGNATURE_START_RE.match(text):
            self.signature.append(text)
        elif (
            following is not None
            and layout.SIGNATURE_FIRST_HALF_RE.match(text)
            and layout.SIGNATURE_SECOND_HALF_RE.match(following.text)
        ):
            self.signature.extend([text, following.text])
            self.signature_took_two = True
        else:
            glued = layout.glued_signature(text)
            if glued is None:
                return False
            self.builder.warnings.append(ParseWarning(paragraph.line, "signature glued to the last sentence: split"))
            self.read_body_text(Paragraph(paragraph.line, text[: glued.start()].rstrip()))
            self.signature.append(text[glued.end() :])
        self.after_signature = True
        return True

    def read_after_signature(self, paragraph):
        """After the signature: the publisher's notes, then attached documents (a ratified agreement, annexes)."""
        closing = layout.CLOSING_NOTE_RE.match(paragraph.text)
        if closing and not footnotes.read_footnote(paragraph.text):  # "Ескерту. … Заңымен" is a footnote
            self.record_marker(paragraph.text, closing["text"])
            self.markers[-1] = self.markers[-1].replace(closing["marker"], "", 1)
            self.builder.start_publisher_note(closing["marker"], closing["text"], paragraph.line, self.builder.root)
            return 0
        if self.read_note(paragraph.text, paragraph.line, target=self.builder.root):
            return 0
        self.after_signature = False
        self.signature_read = True
        heading = paragraph.heading
        titled = heading.kind == ATTACHMENT if heading else looks_like_title(paragraph.text)
        if paragraph.markdown_level == 1 or titled:
            self.builder.add_attachment(paragraph.text, paragraph.line)
            return 0
        self.builder.add_attachment("", paragraph.line)
        return self.read_paragraph(paragraph, None)


def items_ahead(paragraphs):
    """For each paragraph: does an item of the same list follow it, before the next part or heading? (An item
    numbered 1 starts a new list.)"""
    ahead = [False] * len(paragraphs)
    list_goes_on = False
    for index in range(len(paragraphs) - 1, -1, -1):
        ahead[index] = list_goes_on
        paragraph = paragraphs[index]
        item = layout.ITEM_RE.match(paragraph.text)
        if item:
            list_goes_on = number_key(item["num"]) != (1,)
        elif paragraph.markdown_level or layout.PART_RE.match(paragraph.text) or paragraph.heading:
            list_goes_on = False
    return ahead


def has_own_units(body, headings):
    """Does the act have units of its own (articles, chapters …) before any attached document?"""
    for paragraph, heading in zip(body, headings, strict=True):
        if paragraph.markdown_level == 1 or (heading and heading.kind == ATTACHMENT):
            return False
        if heading:
            return True
    return False


def read_tree(front_notes, body, strict, warnings, quotations):
    headings = [p.heading for p in body]
    has_units = any(p.markdown_level == 1 or heading for p, heading in zip(body, headings, strict=True))
    builder = TreeBuilder(strict, warnings, has_own_units=has_own_units(body, headings))
    reader = StatuteReader(builder, has_units, quotations)
    for paragraph in front_notes:
        reader.read_note(paragraph.text, paragraph.line, target=builder.root)
    reader.read(body)
    return builder, reader


def parse_statute(source, language="ru", *, strict=False, max_characters=MAX_TEXT_CHARACTERS):
    """Parse a statute's text. Raises StatuteSyntaxError naming the line it could not read. The size limit guards
    what is uploaded; the benchmark raises it for its synthetic ten-thousand-article code."""
    check_is_text(source, max_characters)
    warnings = []
    paragraphs = split_paragraphs(source, language, warnings)
    if not paragraphs:
        raise StatuteSyntaxError(1, "the file has no visible text", EXPECTED_STRUCTURE)
    title, front_notes, skipped, body = split_front_matter(paragraphs, warnings)
    builder, reader = read_tree(front_notes, body, strict, list(warnings), quotations=True)
    if reader.quotation_open:
        # A quotation that never closes would swallow the rest of the law: read it again, quotes as plain text.
        opened = reader.quotation_line
        builder, reader = read_tree(front_notes, body, strict, list(warnings), quotations=False)
        builder.irregular(opened, "a quotation opened here never closes: read as ordinary text")
    warnings = builder.warnings

    if builder.pending_publisher_note is not None:
        builder.irregular(
            builder.pending_publisher_note.line, "publisher note with no text", "the note's text on the next line"
        )
    if not (title or builder.in_body() or reader.signature):
        raise StatuteSyntaxError(
            paragraphs[0].line, "no title, heading, numbered part or signature", EXPECTED_STRUCTURE
        )
    builder.take_numbered_lead_in()
    warn_if_cut_short(builder, reader, body)
    statute = ParsedStatute(
        title=title,
        root=builder.root,
        signature=" ".join(reader.signature),
        warnings=warnings,
        skipped=[p.text for p in skipped],
    )
    check_nothing_lost(paragraphs, statute, reader.markers)
    assign_eids(statute.root)
    assign_content_hashes(statute.root)
    return statute


def warn_if_cut_short(builder, reader, body):
    """A text that ends mid-sentence with no signature was probably cut off."""
    if reader.signature or not body:
        return
    last = body[-1]
    if not last.text.endswith(SENTENCE_END) and not last.markdown_level:
        builder.warnings.append(
            ParseWarning(last.line, "the text ends mid-sentence, with no signature: the file may be cut short")
        )


def non_space(texts):
    """The multiset of the non-space characters of `texts`."""
    return Counter("".join("".join(texts).split()))


def words_of(texts):
    """The multiset of the words (runs of non-space characters) of `texts`."""
    return Counter(" ".join(texts).split())


def check_nothing_lost(paragraphs, statute, markers):
    """Every non-space character of the text is in a provision, a note, the signature, the title, the skipped
    table of contents or a structural marker (the heading word and number, which the tree keeps as kind and
    number) — and in only one of them."""
    read_texts = [paragraph.text for paragraph in paragraphs]
    kept_texts = [statute.title, statute.signature, *statute.skipped, *markers]
    for node in statute.root.walk():
        kept_texts += (node.heading, node.text)
        for note in node.notes:
            kept_texts += (note.text, note.marker)
    # The same words are the same characters, and words are fewer to count; characters are counted only when
    # the words differ (a heading glued to its number, "Глава 1Основные", is one word read and two kept).
    if words_of(kept_texts) == words_of(read_texts):
        return
    read, kept = non_space(read_texts), non_space(kept_texts)
    if kept != read:
        lost, doubled = read - kept, kept - read
        problem = []
        if lost:
            problem.append(f"{sum(lost.values())} characters lost ({''.join(sorted(lost))[:40]!r})")
        if doubled:
            problem.append(f"{sum(doubled.values())} characters stored twice ({''.join(sorted(doubled))[:40]!r})")
        raise StatuteSyntaxError(
            paragraphs[0].line, "the importer could not place the whole text: " + "; ".join(problem)
        )


def assign_eids(node, used=None):
    """Akoma Ntoso-style ids (see lawreader/vocabulary.py) for the provisions that have none (an Akoma Ntoso
    document brings its own); unnumbered paragraphs count among their siblings, and a number printed twice gets
    "_2" (then "_3") so every eid stays unique."""
    used = {descendant.eid for descendant in node.walk() if descendant.eid} if used is None else used
    text_count = 0
    for child in node.children:
        if child.kind == TEXT:
            text_count += 1
        if not child.eid:
            number = str(text_count) if child.kind == TEXT else child.eid_number or child.number
            eid = child_eid(node.eid, child.kind, number)
            if eid in used:
                duplicate = 2
                while f"{eid}_{duplicate}" in used:
                    duplicate += 1
                eid = f"{eid}_{duplicate}"
            used.add(eid)
            child.eid = eid
        assign_eids(child, used)


def assign_content_hashes(node):
    """A Merkle hash of the node's own fields and its children's hashes: equal hashes mean equal subtrees."""
    # Each field followed by \x1f, then the children's hashes: hashed as one string, in one call.
    fields = f"{node.kind}\x1f{node.number}\x1f{node.heading}\x1f{node.text}\x1f"
    hashes = "".join([assign_content_hashes(child) for child in node.children])
    node.content_hash = hashlib.sha256((fields + hashes).encode()).hexdigest()[:32]
    return node.content_hash
