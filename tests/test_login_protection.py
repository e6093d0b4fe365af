"""Guessing passwords is stopped: repeated failures lock out the username and the address; every attempt is recorded."""

import io
import logging

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def admin_user():
    return User.objects.create_superuser("admin", password=PASSWORD)


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, admin_user):
    for _ in range(4):
        assert log_in(client, "admin", "wrong-guess").status_code == 200  # the form again, with an error
    assert log_in(client, "admin", "wrong-guess").status_code == 429  # the fifth failure locks
    locked = log_in(client, "admin", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_username_stays_locked_from_another_address(client, admin_user):
    for number in range(5):
        log_in(client, "admin", "wrong-guess", address=f"198.51.100.{number}")
    assert log_in(client, "admin", PASSWORD, address="192.0.2.99").status_code == 429


def test_an_address_trying_many_usernames_is_locked_out(client, admin_user):
    for number in range(5):
        log_in(client, f"user{number}", "wrong-guess")
    assert log_in(client, "admin", PASSWORD).status_code == 429
    assert log_in(client, "admin", PASSWORD, address="192.0.2.99").status_code == 302  # another address


def test_a_successful_login_is_recorded_and_clears_earlier_failures(client, admin_user, caplog):
    caplog.set_level(logging.INFO, logger="lawreader.security")
    log_in(client, "admin", "wrong-guess")
    assert log_in(client, "admin", PASSWORD).status_code == 302
    assert AccessLog.objects.filter(username="admin").exists()
    assert not AccessAttempt.objects.filter(username="admin").exists()
    messages = [record.getMessage() for record in caplog.records if record.name == "lawreader.security"]
    assert any("login failed" in message and "'admin'" in message for message in messages)
    assert any("login succeeded" in message and "203.0.113.7" in message for message in messages)


def test_an_administrator_unlocks_a_username(client, admin_user):
    for _ in range(5):
        log_in(client, "admin", "wrong-guess")
    call_command("axes_reset_username", "admin", stdout=io.StringIO())
    call_command("axes_reset_ip", "203.0.113.7", stdout=io.StringIO())
    assert log_in(client, "admin", PASSWORD).status_code == 302


def test_passwords_need_at_least_twelve_characters():
    with pytest.raises(ValidationError):
        validate_password("Sh0rt-pass!")
    validate_password("a-long-enough-passphrase")
