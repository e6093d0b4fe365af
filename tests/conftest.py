import io

import pytest
from django.core.management import call_command

from tests.builders import CORPUS_DIR


@pytest.fixture
def corpus():
    """The real official texts (test data only), read in place from ../shared when it exists."""
    if not CORPUS_DIR.is_dir():
        pytest.skip("../shared/corpus is not present on this machine")
    return CORPUS_DIR


@pytest.fixture
def bundled_law(db):
    call_command("load_bundled_laws", stdout=io.StringIO())
    from lawreader.store.models import Law

    return Law.objects.get(slug="foreign-intelligence")
