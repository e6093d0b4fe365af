import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from lawreader.store.models import Law
from lawreader.web import page_cache
from tests.browser_checks import is_csp_violation
from tests.builders import CORPUS_DIR

# Playwright's sync API runs an event loop in the test thread; the live server's database work is synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    """Markup, layout and accessibility are the same on either database: checked once, on SQLite, so `make test`
    stays within its ten minutes for what does differ."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return
    skip = pytest.mark.skip(reason="markup does not depend on the database: checked on SQLite")
    for item in items:
        if item.get_closest_marker("markup"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty page caches, shared and local, as a fresh deployment would."""
    page_cache.clear()


@pytest.fixture
def corpus():
    """The real official texts (test data only), read in place from ../shared when it exists."""
    if not CORPUS_DIR.is_dir():
        pytest.skip("../shared/corpus is not present on this machine")
    return CORPUS_DIR


BUNDLED_SLUG = "foreign-intelligence"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The bundled law, loaded once per run. Tests run inside a transaction that is rolled back, so each one
    starts from the same law whatever the one before it changed."""
    with django_db_blocker.unblock():
        call_command("load_bundled_laws", stdout=io.StringIO())


@pytest.fixture
def empty_store(db):
    """For tests about what an import writes: no law but theirs (the deletion is rolled back with the test)."""
    Law.objects.all().delete()


@pytest.fixture
def bundled_law(db):
    law = Law.objects.filter(slug=BUNDLED_SLUG).first()
    if law is None:  # a transactional test (they run last) has emptied the database since the run began
        call_command("load_bundled_laws", stdout=io.StringIO())
        law = Law.objects.get(slug=BUNDLED_SLUG)
    return law


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS_DIR = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser build."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def context(context):
    """Every page the browser opens runs under the site's Content-Security-Policy; a violation fails the test."""
    violations = []
    context.on("console", lambda message: violations.append(message.text) if is_csp_violation(message) else None)
    yield context
    assert not violations, violations


@pytest.fixture
def artifacts_dir():
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture
def bundled_site(transactional_db, live_server):
    """The live server with the bundled law loaded: what a reader sees after `make run`."""
    call_command("load_bundled_laws", stdout=io.StringIO())
    return live_server.url
