"""Published editions are immutable: their pages are cached whole and answered conditionally.

A page's cache key carries the law's *stamp*, a fingerprint of everything that can change what the page shows
(its editions' import times and its notes' count and last edit). The stamp itself is cached under a small key that
any change to the law deletes, so one delete retires every cached page of the law at once.

Staff, and readers who chose a note filter (their pages differ), are never served from or stored in the shared
cache, and get `Cache-Control: private`.
"""

import datetime
import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, OuterRef, Subquery
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from lawreader.reader.preferences import SESSION_KEY
from lawreader.store.models import Annotation, Law, Revision

PAGE_TIMEOUT = 24 * 3600
BROWSER_MAX_AGE = 300  # shared caches (a CDN) may keep a page this long before revalidating


def stamp_key(slug):
    return f"lawreader:stamp:{slug}"


def law_stamp(slug):
    """(stamp, last modified timestamp) for the law, or None if there is no such law."""
    stamp = cache.get(stamp_key(slug))
    if stamp is None:
        stamp = compute_stamp(slug)
        if stamp is not None:
            cache.set(stamp_key(slug), stamp, settings.LAWREADER_STAMP_TIMEOUT)
    return stamp


def compute_stamp(slug):
    """One query: the law's editions and notes, counted and last changed."""

    def aggregate(model, function):
        per_law = model.objects.filter(law=OuterRef("pk")).order_by().values("law")
        return Subquery(per_law.annotate(value=function).values("value"))

    law = (
        Law.objects.filter(slug=slug)
        .annotate(
            revision_count=aggregate(Revision, Count("pk")),
            revision_last=aggregate(Revision, Max("imported_at")),
            note_count=aggregate(Annotation, Count("pk")),
            note_last=aggregate(Annotation, Max("updated")),
        )
        .values("revision_count", "revision_last", "note_count", "note_last")
        .first()
    )
    if law is None:
        return None
    moments = [moment for moment in (law["revision_last"], law["note_last"]) if moment is not None]
    last_modified = int(max(moments).timestamp()) if moments else 0
    fingerprint = "|".join(str(law[key]) for key in ("revision_count", "revision_last", "note_count", "note_last"))
    return hashlib.sha256(fingerprint.encode()).hexdigest()[:16], last_modified


def cached_for_law(slug, name, compute):
    """Data derived from a law's published editions (their contents, note counts), cached until the law changes."""
    stamp = law_stamp(slug)
    if stamp is None:
        return compute()
    return cache.get_or_set(f"lawreader:{name}:{slug}:{stamp[0]}", compute, PAGE_TIMEOUT)


def forget_law(slug):
    """Retire every cached page of the law: now, and again once the change is committed (so no request that
    read the old data in between can leave an old stamp behind)."""
    cache.delete(stamp_key(slug))
    transaction.on_commit(lambda: cache.delete(stamp_key(slug)))


def is_personal(request):
    """Pages that differ per reader: staff (drafts, edit links) and readers with their own note filter."""
    if request.method not in ("GET", "HEAD"):
        return True
    if "notes" in request.GET or "notes_form" in request.GET:
        return True
    has_session = bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
    return has_session and (request.user.is_authenticated or SESSION_KEY in request.session)


def cached_edition_page(view):
    """Cache a reader page of a law (the view takes `slug`) for anonymous readers, with ETag and Last-Modified."""

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        if is_personal(request):
            response = view(request, slug, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        stamp = law_stamp(slug)
        if stamp is None:
            return view(request, slug, *args, **kwargs)
        fingerprint, last_modified = stamp
        # Today's date is part of the key: "the edition in force today" moves on when a new edition takes effect.
        page_key = hashlib.sha256(
            f"{fingerprint}|{datetime.date.today()}|{request.get_full_path()}".encode()
        ).hexdigest()
        etag = quote_etag(page_key[:24])
        if request.headers.get("If-None-Match") == etag or (
            "If-None-Match" not in request.headers
            and (parse_http_date_safe(request.headers.get("If-Modified-Since", "")) or -1) >= last_modified
        ):
            return finish(HttpResponseNotModified(), etag, last_modified)
        cached = cache.get(f"lawreader:page:{page_key}")
        if cached is not None:
            content, content_type, status = cached
            return finish(HttpResponse(content, content_type=content_type, status=status), etag, last_modified)
        response = view(request, slug, *args, **kwargs)
        if response.status_code in (200, 404) and not response.streaming:
            cache.set(
                f"lawreader:page:{page_key}",
                (response.content, response["Content-Type"], response.status_code),
                PAGE_TIMEOUT,
            )
            return finish(response, etag, last_modified)
        return response

    return wrapper


def finish(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE, stale_while_revalidate=86400)
    response["Vary"] = "Cookie, Accept-Encoding"
    return response
