"""PostgreSQL full-text search: a weighted tsvector per entry (heading A, text B) under GIN indexes: the law's text
by edition and words (migration 0006), the notes by words."""

from django.db import connection
from django.utils.html import escape

from lawreader.search.backends.base import (
    COUNT_LIMIT,
    PAGE_ENTRY_COLUMNS,
    PUBLISHED_ONLY,
    BackendResult,
    Hit,
    page_entry,
    scope_branches,
)
from lawreader.search.models import SearchEntry
from lawreader.search.text import POSTGRES_CONFIGS
from lawreader.store.bulk import insert_rows

BULK_LOAD = 5000
GIN_INDEXES = ("search_entry_edition_document", "search_entry_note_document")
START, STOP = "\x02", "\x03"  # markers ts_headline puts around matches; the text is escaped before they become <mark>
CONFIG_FOR_LANGUAGE = (
    "CASE {column} "
    + " ".join(f"WHEN '{code}' THEN '{config}'::regconfig" for code, config in POSTGRES_CONFIGS.items())
    + " ELSE 'simple'::regconfig END"
)


# An entry's document: its heading weighted above its text, each in its language's configuration.
DOCUMENT = (
    f"setweight(to_tsvector({CONFIG_FOR_LANGUAGE.format(column='language')}, heading), 'A') || "
    f"setweight(to_tsvector({CONFIG_FOR_LANGUAGE.format(column='language')}, text), 'B')"
)
STAGING = "search_searchentry_staged"


class PostgresBackend:
    def insert(self, fields, rows, inserted, earlier):
        """New entries (tuples of `fields`' values) with their documents computed as they go in: filled in by an
        UPDATE afterwards, every row and its index entries would be written twice. They are copied into a
        temporary table first, numbered, and inserted from it in that order, so their ids follow the rows'.
        `earlier` goes unused: PostgreSQL works out every document itself, with nothing to take from another's."""
        columns = ", ".join(SearchEntry._meta.get_field(name).column for name in fields)
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE {STAGING} AS SELECT {columns} FROM search_searchentry WITH NO DATA")
            cursor.execute(f"ALTER TABLE {STAGING} ADD COLUMN position bigint GENERATED ALWAYS AS IDENTITY")
            insert_rows(SearchEntry, fields, rows, into=STAGING)
            cursor.execute(
                f"INSERT INTO search_searchentry ({columns}, document) "
                f"SELECT {columns}, {DOCUMENT} FROM {STAGING} ORDER BY position"
            )
            loaded = cursor.rowcount
            cursor.execute(f"DROP TABLE {STAGING}")
            after_writing(cursor, loaded)

    def add(self, entries):
        sql, params = entries.values("id").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE search_searchentry SET document = {DOCUMENT} WHERE id IN ({sql})", params)
            after_writing(cursor, cursor.rowcount)

    def remove(self, entries):
        """Rows carry their own vector: deleting them is enough."""

    def tsquery_sql(self, query, config):
        parts, params = [], []
        for term in query.terms:
            if term.is_phrase:
                fragment, value = "phraseto_tsquery(%s::regconfig, %s)", " ".join(term.words)
            elif term.prefix:
                # The parser gives only word characters, so the value cannot carry tsquery operators.
                fragment, value = "to_tsquery(%s::regconfig, %s)", f"{term.words[0]}:*"
            else:
                fragment, value = "plainto_tsquery(%s::regconfig, %s)", term.words[0]
            parts.append(f"!!{fragment}" if term.excluded else fragment)
            params += [config, value]
        return " && ".join(parts), params

    def search(self, query, scope, offset, limit):
        branches = scope_branches(scope)
        if not branches:
            return BackendResult()
        config = POSTGRES_CONFIGS.get(scope.language, "simple")
        tsquery, query_params = self.tsquery_sql(query, config)
        # One SELECT per branch, joined with UNION ALL: each can use its own index (an OR of the two could not).
        # Only what ranking needs goes through the ranking: the text is read for the page's rows alone.
        union = " UNION ALL ".join(
            f"SELECT e.id, e.document, e.annotation_id IS NULL AS is_provision FROM search_searchentry e, q "
            f"WHERE e.document @@ q.query AND {branch.sql}"
            for branch in branches
        )
        params = [*query_params, *(p for branch in branches for p in branch.params)]
        matches = f"WITH q AS (SELECT {tsquery} AS query), m AS ({union})"
        headline_options = f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=18, MaxFragments=2"
        with connection.cursor() as cursor:
            # One pass over the matches ranks them and counts them (the window count); headlines, the costly
            # part, are drawn for the page's rows only.
            # A provision headed by exactly the words sought (a definition headed by its term) comes first. The
            # heading's words are the document's weight-A lexemes: read from the stored vector, not parsed again.
            exact = "(m.is_provision AND strip(ts_filter(m.document, '{a}')) = strip(to_tsvector(%s::regconfig, %s)))"
            heading = " ".join(query.highlight_words())
            # The window counts the ranks alone: over the matches themselves it would keep every match's document
            # until the last was counted (OFFSET 0 keeps the planner from folding the ranking into the count).
            ranked = f"SELECT m.id, {exact} AS exact, ts_rank_cd(m.document, q.query) AS rank FROM m, q OFFSET 0"
            cursor.execute(
                f"{matches}, ranked AS ({ranked}), page AS (SELECT id, exact, rank, count(*) OVER () AS total "
                f"FROM ranked ORDER BY exact DESC, rank DESC, id LIMIT %s OFFSET %s) "
                f"SELECT {PAGE_ENTRY_COLUMNS}, ts_headline(%s::regconfig, coalesce(nullif(e.text, ''), e.heading), "
                f"q.query, %s), page.total FROM page JOIN search_searchentry e ON e.id = page.id, q "
                f"WHERE {PUBLISHED_ONLY} ORDER BY page.exact DESC, page.rank DESC, page.id",
                [*params, config, heading, limit, offset, config, headline_options],
            )
            rows = cursor.fetchall()
            if rows:
                total = rows[0][-1]
            else:  # a page past the end: still say how many there are
                cursor.execute(
                    f"{matches} SELECT count(*) FROM (SELECT 1 FROM m LIMIT %s) AS counted", [*params, COUNT_LIMIT + 1]
                )
                total = cursor.fetchone()[0]
            hits = [Hit(page_entry(entry), marked(headline)) for *entry, headline, _total in rows]
        return BackendResult(hits, min(total, COUNT_LIMIT + 1))


def after_writing(cursor, rows_written):
    if rows_written > BULK_LOAD:
        # Fresh statistics after a bulk load, or the planner guesses (PostgreSQL's advice for bulk loads).
        cursor.execute("ANALYZE search_searchentry")
    # New entries wait in the GIN indexes' pending lists, which every search reads through until a vacuum merges
    # them: merge them now, in bulk, as the writer.
    for index in GIN_INDEXES:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])


def marked(headline):
    return escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
