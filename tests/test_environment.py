"""Settings come from the environment."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lawreader.environment import database_from_url, env_bool, env_list

ROOT = Path(__file__).resolve().parent.parent


def test_sqlite_url_is_relative_to_the_project_or_absolute(tmp_path):
    assert database_from_url("sqlite:///db.sqlite3", tmp_path)["NAME"] == str(tmp_path / "db.sqlite3")
    assert database_from_url("sqlite:////var/data/law.db", tmp_path)["NAME"] == "/var/data/law.db"
    assert database_from_url("sqlite://:memory:", tmp_path)["NAME"] == ":memory:"


def test_postgres_url_gives_every_connection_part():
    config = database_from_url("postgres://reader:s%40cret@db.example:6543/laws?sslmode=require", "/")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"], config["NAME"]) == (
        "reader",
        "s@cret",
        "db.example",
        "6543",
        "laws",
    )
    assert config["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host/"])
def test_unsupported_or_incomplete_url_is_refused(url):
    with pytest.raises(ImproperlyConfigured):
        database_from_url(url, "/")


def test_booleans_and_lists():
    assert env_bool({"X": "yes"}, "X", False) is True
    assert env_bool({"X": "0"}, "X", True) is False
    assert env_bool({}, "X", True) is True
    with pytest.raises(ImproperlyConfigured):
        env_bool({"X": "maybe"}, "X", False)
    assert env_list({"H": "a.example, b.example,"}, "H", []) == ["a.example", "b.example"]


def run_manage(*args, **env):
    base = {"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite://:memory:"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-long-production-secret-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="laws.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_secret_key_is_refused_outside_debug():
    result = run_manage("check")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr
