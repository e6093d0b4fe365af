"""With Redis as the shared tier: processes share pages, and a change still reaches every reader in time."""

import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.db import connection

from lawreader.web import page_cache
from tests.builders import note_on
from tests.test_page_cache import MARKER, URL, Clock

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    """A Redis of the test's own, on a free port, bounded as the README tells production to bound it."""
    assert shutil.which("redis-server"), "redis-server is installed by `make test`"
    port = free_port()
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--maxmemory",
            "64mb",
            "--maxmemory-policy",
            "allkeys-lru",
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(100):
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait(10)


@pytest.fixture
def with_redis(settings, redis_url):
    backend = "django.core.cache.backends.redis.RedisCache"
    settings.CACHES = {
        "default": {"BACKEND": backend, "LOCATION": redis_url},
        "pages": {"BACKEND": backend, "LOCATION": redis_url, "KEY_PREFIX": "p"},
    }
    page_cache.clear()
    yield redis.Redis.from_url(redis_url)
    page_cache.clear()


def test_another_process_is_served_the_page_from_redis(client, bundled_law, with_redis, django_assert_num_queries):
    first = client.get(URL)
    assert any(key.startswith(b"p:") for key in with_redis.keys("*"))
    page_cache.local.clear()  # another process: nothing of its own yet
    with django_assert_num_queries(1):  # it reads the law's version; the page comes from Redis
        second = client.get(URL)
    assert second.content == first.content and second["ETag"] == first["ETag"]


def test_a_note_published_by_another_process_reaches_this_one_within_the_trust_window(
    client, bundled_law, with_redis, monkeypatch, settings
):
    clock = Clock(monkeypatch)
    note = note_on(bundled_law, "2014-04-18", "art_5", title=MARKER, status="draft")
    assert MARKER not in client.get(URL).content.decode()
    with connection.cursor() as cursor:  # another process's write: no signal reaches this one
        cursor.execute("UPDATE store_annotation SET status = 'published' WHERE id = %s", [note.pk])
    assert MARKER not in client.get(URL).content.decode()  # within the window this process trusts its version
    clock.pass_trust_window(settings)
    assert MARKER in client.get(URL).content.decode()
