"""A real server for measurements: gunicorn on the loopback address, and a Redis of its own when asked for.

Traffic goes to 127.0.0.1 only, and everything started here is stopped by the caller (`with` blocks)."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

HOST, PORT = "127.0.0.1", 8765
WORKERS = 3


def url(path):
    return f"http://{HOST}:{PORT}{path}"


def fetch(path):
    with urllib.request.urlopen(url(path), timeout=30) as response:
        return response.read()


@contextlib.contextmanager
def gunicorn(**environment):
    """gunicorn with WORKERS workers serving this project, with production settings and `environment` on top."""
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": HOST, "DJANGO_SECURE_SSL_REDIRECT": "0"}
    env.setdefault("DJANGO_SECRET_KEY", "loadtest-only")
    env.update(environment)
    command = [str(Path(sys.executable).with_name("gunicorn")), "lawreader.wsgi", "-b", f"{HOST}:{PORT}"]
    server = subprocess.Popen(
        [*command, "-w", str(WORKERS), "--log-level", "warning"],
        cwd=settings.BASE_DIR,
        env=env,
        start_new_session=True,
    )
    try:
        wait_until_serving(server)
        yield server
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def wait_until_serving(server):
    for _ in range(100):
        try:
            fetch("/laws/")
            return
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    raise CommandError(f"gunicorn did not start on {HOST}:{PORT}")


def worker_memory_kib(server):
    """Resident memory of gunicorn's workers, added up (from /proc)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    total = 0
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
    return total


@contextlib.contextmanager
def redis_server():
    """A Redis of our own on a free loopback port, bounded by memory with LRU eviction; yields its URL."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    arguments = ["--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"]
    bounds = ["--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"]
    process = subprocess.Popen(["redis-server", *arguments, *bounds], stdout=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), 0.2):
                break
            time.sleep(0.05)
        yield f"redis://{HOST}:{port}/0"
    finally:
        process.terminate()
        process.wait(10)
