"""PostgreSQL: the law's text is indexed by edition and words together, a GIN index over (revision_id, document)
(btree_gin indexes the edition's id), so a search of one edition reads that edition's entries of each word and not
every edition's. It takes the place of the index over every entry's words: the notes keep their own (0003)."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    "CREATE INDEX search_entry_edition_document ON search_searchentry USING GIN (revision_id, document) "
    "WHERE annotation_id IS NULL",
    "DROP INDEX search_entry_document",
]
BACKWARD = [
    "CREATE INDEX search_entry_document ON search_searchentry USING GIN (document)",
    "DROP INDEX search_entry_edition_document",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0005_sqlite_notes_under_negated_rowids")]
    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
