"""Compare two editions of a statute: two provision trees in, a tree of changes out.

Pure Python, no Django, so it can be tested and timed on trees built in code.

Provisions of the old edition are paired with provisions of the new one in four steps, each only over what the
steps before left unpaired, and only inside the parts of the trees whose content hashes differ (an equal hash
means an identical subtree, which is never opened), so the work grows with the amount of change, not with the
size of the law:

1. By eid within the same parent, walking down from the roots. Children are matched on the last segment of their
   eid ("subpara_3"), so the items of a renumbered part still find each other. Unnumbered paragraphs have no
   number of their own ("text_2" only says it is the second), so identical ones under the same parent are
   paired first, wherever they stand: a paragraph inserted before them does not shift the rest. Below the article level, a pair
   whose own heading or text differ is only *tentative*: it may be a renumbering ("item 9 became item 10")
   rather than an edit; articles and chapters are not renumbered, so their eid pairs are final.
2. By eid across parents: a provision whose eid is left unpaired in both editions under parents with different
   eids was moved (an article taken into another chapter).
3. By similarity of heading + text, same kind only (`SIMILARITY_THRESHOLD`), among unpaired provisions whose
   parents are paired; tentative pairs compete here like any other candidate, so item 9 pairs with the new
   item 10 that has its words rather than with the new item 9 that only has its eid. Siblings outrank strangers,
   so they are paired first, parent by parent; what they leave free finds its strangers through an inverted index
   of rare tokens, so no pool is compared all against all.
4. Tentative pairs that nothing better claimed are restored: a rewritten provision is "changed", not
   deleted and inserted again.

A pair is "moved" when its provisions are not in the same place (a different eid segment, or parents that are
not paired with each other), "changed" when its own number, heading or text differ, else "unchanged"; what is
left unpaired is "deleted" or "inserted".
"""

import heapq
import math
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from operator import neg
from typing import NamedTuple

# difflib's SequenceMatcher compiled: the same algorithm and the same results (a test holds it to difflib's), a
# twentieth of the time; comparing two editions spends most of its time in it.
from cydifflib import SequenceMatcher

from lawreader.vocabulary import ARTICLE, CHAPTER, PREAMBLE, TEXT, last_segment

INSERTED, DELETED, CHANGED, MOVED, UNCHANGED = "inserted", "deleted", "changed", "moved", "unchanged"
COUNTED_STATUSES = (INSERTED, DELETED, CHANGED, MOVED)
EQUAL, INSERT, DELETE = "equal", "insert", "delete"
# Articles and chapters keep their numbers from edition to edition (an inserted article becomes "9-1", not a new
# "10"), so an eid match at these levels is the same provision even when its text was restated wholesale; only
# lower levels can be renumbered and need to compete by similarity.
FIRM_EID_KINDS = frozenset({PREAMBLE, CHAPTER, ARTICLE})

# Two provisions are the same one when the difflib ratio of their heading + text, as casefolded word and
# punctuation tokens, is at least this: 2 * matching tokens / all tokens. One word replaced in eight still
# passes (0.875); a rewritten sentence does not.
SIMILARITY_THRESHOLD = 0.75
# The ratio never exceeds the Dice coefficient of the two token multisets, and Dice >= t means
# Jaccard >= t / (2 - t): the bound the prefix filter of the candidate index relies on.
JACCARD_BOUND = SIMILARITY_THRESHOLD / (2 - SIMILARITY_THRESHOLD)
# A safety valve for pools of near-identical texts (hundreds of "утратил силу;" items): each provision is scored
# against at most this many candidates, those under the same parent first.
MAX_CANDIDATES = 12
MAX_POSTINGS = 200

SIMILARITY_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
# A word or a punctuation mark with the whitespace after it; whitespace only at the very start stands alone.
DIFF_TOKEN_RE = re.compile(r"\s+|(?:\w+|[^\w\s])\s*")


class DiffNode(NamedTuple):
    """One provision of one edition; `content_hash` covers its own fields and its whole subtree. A named tuple: a
    comparison of two editions builds tens of thousands of them."""

    eid: str
    kind: str
    number: str
    heading: str
    text: str
    content_hash: str
    children: tuple["DiffNode", ...] = ()


class TokenOp(NamedTuple):
    op: str  # EQUAL | INSERT | DELETE
    text: str


@dataclass(slots=True)
class Change:
    status: str  # INSERTED | DELETED | CHANGED | MOVED | UNCHANGED
    old: DiffNode | None
    new: DiffNode | None
    text_ops: Sequence[TokenOp] = ()  # empty when the text is equal or there is no pair
    heading_ops: Sequence[TokenOp] = ()
    children: Sequence["Change"] = ()  # empty for a subtree skipped as identical

    @property
    def eid(self) -> str:
        return self.new.eid if self.new else self.old.eid

    @property
    def kind(self) -> str:
        return self.new.kind if self.new else self.old.kind

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.number != self.new.number

    @property
    def has_changes(self) -> bool:
        """True when this provision or anything inside it is not unchanged."""
        return self.status != UNCHANGED or any(child.has_changes for child in self.children)


@dataclass
class Comparison:
    root: Change
    counts: dict[str, int]  # provisions per status in COUNTED_STATUSES, the document root excluded

    def iter_changes(self) -> Iterator[Change]:
        """Every Change, depth first, in the order a redline reads (new order, deletions in their old place)."""
        stack = [self.root]
        while stack:
            change = stack.pop()
            yield change
            stack.extend(reversed(change.children))

    def changed_articles(self) -> list[Change]:
        return [change for change in self.iter_changes() if change.kind == ARTICLE and change.has_changes]


def compare_trees(old_root: DiffNode, new_root: DiffNode) -> Comparison:
    """The changes from `old_root` to `new_root`; the two roots are always compared with each other."""
    matcher = _Matcher()
    matcher.match(old_root, new_root)
    root = _ChangeBuilder(matcher).pair(old_root, new_root, moved=False)
    return Comparison(root=root, counts=_count_statuses(root))


# --- word diff ---------------------------------------------------------------------------------------------------


def diff_words(old: str, new: str) -> list[TokenOp]:
    """Word-level ops from `old` to `new`: the equal and deleted texts join to `old`, equal and inserted to `new`.

    Words and punctuation marks are separate tokens carrying the whitespace after them; tokens are compared
    without that whitespace, so "лицо" at the end of a sentence still equals "лицо " in the middle of one.
    """
    old_tokens, new_tokens = DIFF_TOKEN_RE.findall(old), DIFF_TOKEN_RE.findall(new)
    matcher = SequenceMatcher(
        None, list(map(str.rstrip, old_tokens)), list(map(str.rstrip, new_tokens)), autojunk=False
    )
    ops = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            old_run, new_run = old_tokens[old_start:old_end], new_tokens[new_start:new_end]
            if old_run == new_run:  # the usual case: the same words with the same spacing, one op
                ops.append(TokenOp(EQUAL, "".join(old_run)))
                continue
            for old_token, new_token in zip(old_run, new_run, strict=True):
                ops += _equal_token_ops(old_token, new_token)
        else:
            ops.append(TokenOp(DELETE, "".join(old_tokens[old_start:old_end])))
            ops.append(TokenOp(INSERT, "".join(new_tokens[new_start:new_end])))
    return _merged(ops)


def _equal_token_ops(old_token, new_token):
    """Two tokens with the same word: only a difference in the whitespace after it is an edit."""
    if old_token == new_token:
        return [TokenOp(EQUAL, old_token)]
    word = old_token.rstrip()
    return [
        TokenOp(EQUAL, word),
        TokenOp(DELETE, old_token[len(word) :]),
        TokenOp(INSERT, new_token[len(word) :]),
    ]


def _merged(ops):
    merged = []
    for op in ops:
        if not op.text:
            continue
        if merged and merged[-1].op == op.op:
            merged[-1] = TokenOp(op.op, merged[-1].text + op.text)
        else:
            merged.append(op)
    return merged


# --- pairing -----------------------------------------------------------------------------------------------------


def _local_key(node):
    """The last segment of an eid: what identifies a provision among its siblings."""
    return last_segment(node.eid)


def _same_own_fields(old, new):
    return (old.number, old.heading, old.text) == (new.number, new.heading, new.text)


def _descendants(node):
    stack = list(node.children)
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children)


class _Placement(NamedTuple):
    """An unpaired provision and where it sits; its parent is always inside the compared region."""

    node: DiffNode
    parent: DiffNode
    index: int


class _Matcher:
    """Pairs the old edition's provisions with the new edition's; see the module docstring for the steps.

    Nodes are keyed by id(): DiffNodes compare by value, so two identical subtrees would otherwise be confused
    (and hashing one would hash its whole subtree).
    """

    def __init__(self):
        self.new_of_old: dict[int, DiffNode] = {}
        self.old_of_new: dict[int, DiffNode] = {}
        # Unpaired provisions of the compared region, subtrees included, in document order of discovery.
        self.free_old: dict[int, _Placement] = {}
        self.free_new: dict[int, _Placement] = {}
        self.tentative: list[tuple[DiffNode, DiffNode]] = []
        self.profiles: dict[int, _Profile] = {}  # by id() of the provision

    def match(self, old_root, new_root):
        self.align(old_root, new_root)
        self.pair_moved_by_eid()
        while self.pair_by_similarity() or self.restore_tentative_pairs():
            pass

    # Step 1 (and the descent below every later pair).
    def align(self, old, new):
        """Pair `old` with `new`, then their children by eid; leave the rest free for the later steps."""
        self.pair(old, new)
        if old.content_hash == new.content_hash:
            return
        self.pair_unnumbered_by_content(old, new)
        old_by_key = {}
        for index, child in enumerate(old.children):
            old_by_key.setdefault(_local_key(child), (index, child))
        matched_old = set()
        for index, child in enumerate(new.children):
            if id(child) in self.old_of_new:  # already paired by an earlier step
                continue
            old_index, old_child = old_by_key.get(_local_key(child), (None, None))
            if old_child is None or old_child.kind != child.kind or id(old_child) in self.new_of_old:
                self.release(self.free_new, child, new, index)
                continue
            matched_old.add(id(old_child))
            if child.kind in FIRM_EID_KINDS or _same_own_fields(old_child, child):
                self.align(old_child, child)
            else:
                self.tentative.append((old_child, child))
                self.release(self.free_old, old_child, old, old_index)
                self.release(self.free_new, child, new, index)
        for index, child in enumerate(old.children):
            if id(child) not in matched_old and id(child) not in self.new_of_old:
                self.release(self.free_old, child, old, index)

    def pair_unnumbered_by_content(self, old, new):
        identical = defaultdict(deque)  # content hash → unpaired old paragraphs, in order
        for child in old.children:
            if child.kind == TEXT and id(child) not in self.new_of_old:
                identical[child.content_hash].append(child)
        for child in new.children:
            if child.kind == TEXT and id(child) not in self.old_of_new and identical.get(child.content_hash):
                self.align(identical[child.content_hash].popleft(), child)

    def pair(self, old, new):
        self.new_of_old[id(old)] = new
        self.old_of_new[id(new)] = old
        for free, node in ((self.free_old, old), (self.free_new, new)):
            was_free = free.pop(id(node), None) is not None
            if was_free and old.content_hash == new.content_hash:
                # An identical subtree is paired as a whole; nothing inside it is left to pair elsewhere.
                for descendant in _descendants(node):
                    free.pop(id(descendant), None)

    def release(self, free, node, parent, index):
        """Mark a subtree as unpaired so far (once: a subtree already free stays where it was found)."""
        if id(node) in free:
            return
        free[id(node)] = _Placement(node, parent, index)
        for child_index, child in enumerate(node.children):
            self.release(free, child, node, child_index)

    # Step 2.
    def pair_moved_by_eid(self):
        old_by_eid = {placement.node.eid: placement for placement in self.free_old.values()}
        # Ancestors come before their descendants, so a moved article is paired before its parts are looked at.
        for placement in list(self.free_new.values()):
            new = placement.node
            old_placement = old_by_eid.get(new.eid)
            if id(new) not in self.free_new or old_placement is None:
                continue
            old = old_placement.node
            # Under parents with the same eid the pair is step 1's business (a tentative pair, or inside one).
            moved = old_placement.parent.eid != placement.parent.eid
            if moved and old.kind == new.kind and id(old) in self.free_old:
                self.align(old, new)

    # Step 3.
    def pair_by_similarity(self):
        """Pair free provisions whose parents are paired, most similar first; True when any pair was made.

        Siblings outrank strangers (see score), and candidates under different parents never compete for the same
        provision; so siblings are paired first, parent by parent, and only what they leave free looks for a
        stranger. The pairs are those of ranking every candidate at once, without shortlisting strangers for the
        many provisions a sibling claims (most edited items: one or two in a part)."""
        old_frontier = [p for p in self.free_old.values() if id(p.parent) in self.new_of_old]
        new_frontier = [p for p in self.free_new.values() if id(p.parent) in self.old_of_new]
        pools = self.pools_by_kind(old_frontier, new_frontier)
        paired = self.pair_best(self.sibling_candidates(pools))
        strangers = []
        for old_profiles, new_profiles in pools:
            waiting = [profile for profile in new_profiles if id(profile.placement.node) in self.free_new]
            if waiting and any(id(profile.placement.node) in self.free_old for profile in old_profiles):
                strangers += self.stranger_candidates(old_profiles, new_profiles, waiting)
        return self.pair_best(strangers) or paired

    def pools_by_kind(self, old_frontier, new_frontier):
        """[(old profiles, new profiles)] per kind both editions have free, kinds in order: only the same kind
        pairs. A provision's profile is made once and kept for the rounds after."""
        old_by_kind, new_by_kind = defaultdict(list), defaultdict(list)
        for frontier, by_kind in ((old_frontier, old_by_kind), (new_frontier, new_by_kind)):
            for placement in frontier:
                profile = self.profiles.get(id(placement.node))
                if profile is None:
                    profile = self.profiles[id(placement.node)] = _Profile.of(placement)
                if profile.tokens:  # nothing to compare: a provision without words pairs by eid or not at all
                    by_kind[placement.node.kind].append(profile)
        return [(old_by_kind[kind], new_by_kind[kind]) for kind in sorted(old_by_kind.keys() & new_by_kind.keys())]

    def pair_best(self, candidates):
        """Pair the candidates best first, each whose two provisions are both still free; True when any was."""
        paired = False
        for candidate in sorted(candidates, key=lambda candidate: candidate.score, reverse=True):
            old, new = candidate.old.node, candidate.new.node
            if id(old) in self.free_old and id(new) in self.free_new:
                self.align(old, new)
                paired = True
        return paired

    def sibling_candidates(self, pools):
        candidates = []
        for old_profiles, new_profiles in pools:
            by_new_parent = self.by_new_parent(old_profiles)
            for new_profile in new_profiles:
                for old_profile in by_new_parent.get(id(new_profile.placement.parent), ()):
                    candidates += self.candidate(old_profile, new_profile)
        return candidates

    def stranger_candidates(self, old_profiles, new_profiles, waiting):
        """Candidates from elsewhere for the `waiting` new provisions, from an index of the whole pool's rare
        tokens (the same shortlists as ranking all at once would draw), among the old provisions still free."""
        _set_prefixes(old_profiles + new_profiles, indexed=old_profiles + waiting)
        old_by_token = defaultdict(list)  # tokens index the profiles' ids
        old_by_id = {id(profile): profile for profile in old_profiles}
        for profile in old_profiles:
            for token in profile.prefix:
                old_by_token[token].append(id(profile))
        old_lengths = {id(profile): len(profile.tokens) for profile in old_profiles}
        by_new_parent = self.by_new_parent(old_profiles)
        candidates = []
        for new_profile in waiting:
            siblings = by_new_parent.get(id(new_profile.placement.parent), ())
            for key in _strangers(new_profile, siblings, old_by_token, old_lengths):
                old_profile = old_by_id[key]
                if id(old_profile.placement.node) in self.free_old:
                    candidates += self.candidate(old_profile, new_profile)
        return candidates

    def by_new_parent(self, old_profiles):
        """{id of a new provision: the old profiles whose parent is paired with it}, in document order."""
        grouped = defaultdict(list)
        for profile in old_profiles:
            grouped[id(self.new_of_old.get(id(profile.placement.parent)))].append(profile)
        return grouped

    def candidate(self, old_profile, new_profile):
        """[the pair as a candidate] when similar enough, else []."""
        ratio = _similarity(old_profile, new_profile)
        if ratio < SIMILARITY_THRESHOLD:
            return []
        return [_Candidate(old_profile.placement, new_profile.placement, self.score(old_profile, new_profile, ratio))]

    def score(self, old, new, ratio):
        """Siblings before strangers (a repealed item pairs with its neighbour, not with one in another article),
        then the more similar, then the same eid segment, then the nearer position."""
        old_placement, new_placement = old.placement, new.placement
        return (
            self.new_of_old.get(id(old_placement.parent)) is new_placement.parent,
            ratio,
            _local_key(old_placement.node) == _local_key(new_placement.node),
            -abs(old_placement.index - new_placement.index),
        )

    # Step 4.
    def restore_tentative_pairs(self):
        pending, self.tentative = self.tentative, []
        restored = False
        for old, new in pending:
            if id(old) in self.free_old and id(new) in self.free_new:
                self.align(old, new)
                restored = True
        return restored


@dataclass
class _Profile:
    """A provision's heading + text as similarity tokens."""

    placement: _Placement
    tokens: list[str]
    prefix: list[tuple[str, int]] = field(default_factory=list)

    @classmethod
    def of(cls, placement):
        node = placement.node
        tokens = SIMILARITY_TOKEN_RE.findall(f"{node.heading} {node.text}".casefold())
        return cls(placement, tokens)

    @cached_property
    def occurrences(self):
        """Tokens numbered by occurrence ("лицо", 0), ("лицо", 1): a multiset as a set, so that what two profiles
        share is a set intersection."""
        return frozenset(
            (token, occurrence) for token, count in Counter(self.tokens).items() for occurrence in range(count)
        )


class _Candidate(NamedTuple):
    old: _Placement
    new: _Placement
    score: tuple


def _strangers(new_profile, siblings, old_by_token, old_lengths):
    """Where to look for `new_profile`'s old self beyond its old siblings: the ids of the old provisions sharing the
    most of its rarest tokens (at most MAX_CANDIDATES of them, siblings among them, then left out). A token shared by
    more than MAX_POSTINGS provisions says little about identity and would make the search quadratic, so it is
    passed over."""
    postings = (found for found in map(old_by_token.get, new_profile.prefix) if found and len(found) <= MAX_POSTINGS)
    overlap = Counter(chain.from_iterable(postings))
    # Most shared tokens first, then the nearest in length, then the first met (the -position). Each provision has
    # hundreds of candidates: their ranks are built by map and zip, not a loop in Python.
    keys = list(overlap)
    gaps = map(abs, map(len(new_profile.tokens).__sub__, map(old_lengths.__getitem__, keys)))
    ranked = heapq.nlargest(
        MAX_CANDIDATES, zip(overlap.values(), map(neg, gaps), range(0, -len(keys), -1), keys, strict=True)
    )
    sibling_ids = {id(old) for old in siblings}
    return [key for *_rank, key in ranked if key not in sibling_ids]


def _set_prefixes(profiles, indexed):
    """Prefix filtering: with tokens ordered rarest first among `profiles`, two token sets whose Jaccard reaches
    JACCARD_BOUND share a token among the first len - ceil(JACCARD_BOUND * len) + 1 of each; only those are
    indexed or looked up, so only the profiles `indexed` need theirs."""
    frequency = Counter(chain.from_iterable(profile.occurrences for profile in profiles))
    # Every token's place in that order, worked out once: each profile then sorts its tokens by a number.
    rarest_first = sorted(zip(frequency.values(), frequency, strict=True))
    place = {token: order for order, (_frequency, token) in enumerate(rarest_first)}
    for profile in indexed:
        tokens = sorted(profile.occurrences, key=place.__getitem__)
        needed_overlap = math.ceil(JACCARD_BOUND * len(tokens) - 1e-9)
        profile.prefix = tokens[: len(tokens) - needed_overlap + 1]


def _similarity(old, new):
    """The difflib ratio of the two token lists, after the cheap upper bounds have had their say."""
    if old.tokens == new.tokens:
        return 1.0
    total = len(old.tokens) + len(new.tokens)
    if 2 * min(len(old.tokens), len(new.tokens)) < SIMILARITY_THRESHOLD * total:
        return 0.0
    if 2 * len(old.occurrences & new.occurrences) < SIMILARITY_THRESHOLD * total:
        return 0.0
    return SequenceMatcher(None, old.tokens, new.tokens, autojunk=False).ratio()


# --- the change tree ---------------------------------------------------------------------------------------------


class _ChangeBuilder:
    """Turns the matcher's pairs into Changes, opening only pairs whose hashes differ."""

    def __init__(self, matcher):
        self.new_of_old = matcher.new_of_old
        self.old_of_new = matcher.old_of_new

    def pair(self, old, new, moved):
        if old.content_hash == new.content_hash:
            return Change(MOVED if moved else UNCHANGED, old, new)
        return Change(
            _pair_status(old, new, moved),
            old,
            new,
            text_ops=diff_words(old.text, new.text) if old.text != new.text else (),
            heading_ops=diff_words(old.heading, new.heading) if old.heading != new.heading else (),
            children=self.merged_children(old, new),
        )

    def merged_children(self, old, new):
        """New children in new order; each deleted old child right after the old sibling before it that is
        still here (or first), so a redline reads in the order of both texts."""
        if not old.children and not new.children:  # most changed provisions: an item's words
            return []
        old_ids, new_ids = {id(child) for child in old.children}, {id(child) for child in new.children}
        deleted_after = defaultdict(list)  # id of the surviving old sibling before them (None: at the start)
        anchor = None
        for child in old.children:
            partner = self.new_of_old.get(id(child))
            if partner is None:
                deleted_after[anchor].append(self.deleted(child))
            elif id(partner) in new_ids:
                anchor = id(child)
            # A child paired elsewhere appears where it went, as moved.
        children = list(deleted_after[None])
        for child in new.children:
            partner = self.old_of_new.get(id(child))
            if partner is None:
                children.append(self.inserted(child))
                continue
            # An unnumbered paragraph is in place anywhere under its parent: its eid only counts its position.
            in_place = id(partner) in old_ids and (child.kind == TEXT or _local_key(partner) == _local_key(child))
            children.append(self.pair(partner, child, moved=not in_place))
            if id(partner) in old_ids:
                children += deleted_after[id(partner)]
        return children

    def deleted(self, old):
        children = [self.deleted(child) for child in old.children if id(child) not in self.new_of_old]
        return Change(DELETED, old, None, children=children)

    def inserted(self, new):
        children = []
        for child in new.children:
            partner = self.old_of_new.get(id(child))
            children.append(self.inserted(child) if partner is None else self.pair(partner, child, moved=True))
        return Change(INSERTED, None, new, children=children)


def _pair_status(old, new, moved):
    """Moved wins over changed (a moved provision shows its edits in its ops); a provision whose own fields are
    equal stays unchanged even when something inside it changed."""
    if moved:
        return MOVED
    return UNCHANGED if _same_own_fields(old, new) else CHANGED


def _count_statuses(root):
    counts = dict.fromkeys(COUNTED_STATUSES, 0)
    stack = list(root.children)
    while stack:
        change = stack.pop()
        if change.status in counts:
            counts[change.status] += 1
        stack.extend(change.children)
    return counts
