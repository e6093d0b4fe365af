"""Published editions are immutable: their pages are cached whole and answered conditionally.

A page's cache key carries the law's *stamp*, a fingerprint of everything that can change what the page shows
(its editions' import times and its notes' count and last edit). The stamp itself is cached under a small key that
any change to the law deletes, so one delete retires every cached page of the law at once.

Staff, and readers who chose a note filter (their pages differ), are never served from or stored in the shared
cache, and get `Cache-Control: private`.
"""

import datetime
import hashlib
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
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


class LocalLayer:
    """A process's own copy of the hottest entries, in front of the shared cache: no network round trip and no
    unpickling for a popular page. Pages are keyed by the law's stamp, so a retired page is never served; the
    stamp itself is trusted for LOCAL_STAMP_SECONDS, which bounds how long another process's change takes to show."""

    def __init__(self, max_pages=256):
        self.max_pages = max_pages
        self.lock = threading.Lock()
        self.clear()

    def clear(self):
        self.stamps = {}
        self.pages = OrderedDict()

    def stamp(self, slug):
        memo = self.stamps.get(slug)
        return memo[1] if memo and memo[0] > time.monotonic() else None

    def remember_stamp(self, slug, stamp):
        self.stamps[slug] = (time.monotonic() + LOCAL_STAMP_SECONDS, stamp)

    def forget_stamp(self, slug):
        self.stamps.pop(slug, None)

    def page(self, key):
        with self.lock:
            value = self.pages.get(key)
            if value is not None:
                self.pages.move_to_end(key)
            return value

    def remember_page(self, key, value):
        with self.lock:
            self.pages[key] = value
            self.pages.move_to_end(key)
            while len(self.pages) > self.max_pages:
                self.pages.popitem(last=False)


LOCAL_STAMP_SECONDS = 1.0
local = LocalLayer()


def law_stamp(slug):
    """(stamp, last modified timestamp) for the law, or None if there is no such law."""
    stamp = local.stamp(slug)
    if stamp is not None:
        return stamp
    stamp = cache.get(stamp_key(slug))
    if stamp is None:
        stamp = compute_stamp(slug)
        if stamp is not None:
            cache.set(stamp_key(slug), stamp, settings.LAWREADER_STAMP_TIMEOUT)
    if stamp is not None:
        local.remember_stamp(slug, stamp)
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

    def forget():
        local.forget_stamp(slug)
        cache.delete(stamp_key(slug))

    forget()
    transaction.on_commit(forget)


def is_personal(request):
    """Pages that differ per reader: staff (drafts, edit links) and readers with their own note filter."""
    if request.method not in ("GET", "HEAD"):
        return True
    if "notes" in request.GET or "notes_form" in request.GET:
        return True
    has_session = bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
    return has_session and (request.user.is_authenticated or SESSION_KEY in request.session)


@dataclass(frozen=True)
class PageEntry:
    key: str
    etag: str
    last_modified: int


def page_entry(request, slug):
    """Where this page of the law is cached, and its validators; None for a law that does not exist."""
    stamp = law_stamp(slug)
    if stamp is None:
        return None
    fingerprint, last_modified = stamp
    # Today's date is part of the key: "the edition in force today" moves on when a new edition takes effect.
    digest = hashlib.sha256(f"{fingerprint}|{datetime.date.today()}|{request.get_full_path()}".encode()).hexdigest()
    return PageEntry(f"lawreader:page:{digest}", quote_etag(digest[:24]), last_modified)


def cached_response(request, entry):
    """A 304 when the reader's copy is current, else the stored page, else None."""
    if request.headers.get("If-None-Match") == entry.etag or (
        "If-None-Match" not in request.headers
        and (parse_http_date_safe(request.headers.get("If-Modified-Since", "")) or -1) >= entry.last_modified
    ):
        return finish(HttpResponseNotModified(), entry)
    cached = local.page(entry.key)
    if cached is None:
        cached = cache.get(entry.key)
        if cached is None:
            return None
        local.remember_page(entry.key, cached)
    content, content_type, status = cached
    return finish(HttpResponse(content, content_type=content_type, status=status), entry)


def cached_edition_page(view):
    """Cache a reader page of a law (the view takes `slug`) for anonymous readers, with ETag and Last-Modified."""

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        if is_personal(request):
            response = view(request, slug, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        entry = page_entry(request, slug)
        if entry is None:
            return view(request, slug, *args, **kwargs)
        hit = cached_response(request, entry)
        if hit is not None:
            return hit
        response = view(request, slug, *args, **kwargs)
        if response.status_code in (200, 404) and not response.streaming:
            cache.set(entry.key, (response.content, response["Content-Type"], response.status_code), PAGE_TIMEOUT)
            return finish(response, entry)
        return response

    return wrapper


def finish(response, entry):
    response["ETag"] = entry.etag
    response["Last-Modified"] = http_date(entry.last_modified)
    patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE, stale_while_revalidate=86400)
    response["Vary"] = "Cookie, Accept-Encoding"
    return response


LAW_PAGE_RE = re.compile(r"^/laws/(?P<slug>[-\w]+)/(?:$|on/|compare/|history/)")


class PublishedPageMiddleware:
    """Answers page-cache hits right after static files, before sessions, authentication, CSRF and URL routing:
    a cached page then costs little more than a static file. Only for what a CDN would see too — a GET without
    a session cookie or a note filter; everything else goes down the stack to the view and its decorator."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = LAW_PAGE_RE.match(request.path_info)
        if match and request.method in ("GET", "HEAD") and self.is_anonymous_and_plain(request):
            entry = page_entry(request, match["slug"])
            hit = cached_response(request, entry) if entry else None
            if hit is not None:
                # What the middleware skipped would have added this header.
                hit.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
                return hit
        return self.get_response(request)

    @staticmethod
    def is_anonymous_and_plain(request):
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        return not has_session and "notes" not in request.GET and "notes_form" not in request.GET
