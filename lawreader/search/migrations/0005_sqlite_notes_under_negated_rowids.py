"""SQLite: the notes' rows of the FTS5 table move under their entries' ids negated, so a search reads the law's text
and the notes as two ranges of rowids (search/backends/sqlite.py); an index finds an edition's first and last entry
of text. PostgreSQL keeps its GIN indexes as they are."""

from django.db import migrations

NOTES = "SELECT id FROM search_searchentry WHERE annotation_id IS NOT NULL"
FORWARD = [
    f"INSERT INTO search_fts(rowid, heading, text) SELECT -rowid, heading, text FROM search_fts WHERE rowid IN ({NOTES})",
    f"DELETE FROM search_fts WHERE rowid IN ({NOTES})",
    "CREATE INDEX search_entry_text_rows ON search_searchentry (revision_id, annotation_id)",
]
BACKWARD = [
    "DROP INDEX search_entry_text_rows",
    "INSERT INTO search_fts(rowid, heading, text) SELECT -rowid, heading, text FROM search_fts WHERE rowid < 0",
    "DELETE FROM search_fts WHERE rowid < 0",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0004_drop_unread_entry_fields")]
    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
