"""In-process freshness, and a record of who logged in and who failed to.

The database is the truth about a law's public version; a process only memoises it for a moment. When this
process itself writes to the store, it forgets its memo once the write commits, so an editor's own next page
shows the change at once (other processes follow within the trust window).
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lawreader.store.signals import annotations_changed, edition_stored
from lawreader.web import page_cache

security_log = logging.getLogger("lawreader.security")


def forget_versions():
    """Now, and again once the write commits: a request of this process that read the old version in between
    must not keep it for a whole trust window."""
    page_cache.local.forget_versions()
    transaction.on_commit(page_cache.local.forget_versions)


@receiver([post_save, post_delete])
def forget_versions_after_store_write(sender, **kwargs):
    if sender._meta.app_label == "store":
        forget_versions()


@receiver([edition_stored, annotations_changed])
def forget_versions_after_bulk_write(sender, **kwargs):
    forget_versions()


def client_address(request):
    return request.META.get("REMOTE_ADDR", "?") if request is not None else "?"


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    security_log.info("login succeeded: user=%r address=%s", user.get_username(), client_address(request))


@receiver(user_login_failed)
def record_failed_login(sender, credentials, request=None, **kwargs):
    security_log.warning("login failed: user=%r address=%s", credentials.get("username"), client_address(request))
