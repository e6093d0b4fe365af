"""Django settings. Everything that differs between machines comes from the environment.

DATABASE_URL         default: sqlite:///db.sqlite3 (a file in the project root)
DJANGO_SECRET_KEY    required unless DJANGO_DEBUG is on
DJANGO_DEBUG         default: off
DJANGO_ALLOWED_HOSTS comma-separated; default: localhost names only
REDIS_URL            optional: a shared cache for pages and per-law data across processes
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from lawreader.environment import database_from_url, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool(os.environ, "DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development).")
    SECRET_KEY = "insecure-development-key-only-used-when-DJANGO_DEBUG-is-on"

ALLOWED_HOSTS = env_list(os.environ, "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list(os.environ, "DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "treebeard",
    "axes",
    "csp",
    "corsheaders",
    "ninja",
    "lawreader.store",
    "lawreader.ingest",
    "lawreader.annotate",
    "lawreader.compare",
    "lawreader.search",
    "lawreader.reader",
    "lawreader.web",
    "lawreader.opendata",
    "lawreader.bench",
]

# Order matters. Headers that every response needs (cached hits included) are set above the page cache; the
# page cache answers hits before sessions, authentication and CSRF (see lawreader/web/page_cache.py).
MIDDLEWARE = [
    # Outermost: compresses what is rendered per request (brotli or gzip); cached pages arrive already compressed.
    "lawreader.web.compression.CompressionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The open data may be read from any origin's scripts (GET only); everything else stays same-origin.
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lawreader.web.guards.RequestGuardMiddleware",
    "lawreader.opendata.throttling.ApiRateLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lawreader.web.page_cache.CachedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lawreader.web.language.InterfaceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lawreader.urls"
WSGI_APPLICATION = "lawreader.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"), BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username or address before checking a password
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")]
# The interface's Russian and Kazakh catalogues, compiled (`manage.py compile_catalogues`) and committed.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# A static file missing from the manifest falls back to its plain name instead of failing the page.
WHITENOISE_MANIFEST_STRICT = False

# Pages and per-law derived data are keyed by the law's public version (lawreader/web/page_cache.py), so no
# cache ever needs to be told about a change. With REDIS_URL, processes share them (run Redis with maxmemory and
# maxmemory-policy allkeys-lru: see the README); without it, each process keeps its own, bounded.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "p"},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 1000}},
        "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
# How long a process trusts the version of a law it last read: the most a change takes to reach every reader.
LAWREADER_VERSION_TRUST_SECONDS = float(os.environ.get("LAWREADER_VERSION_TRUST_SECONDS", "1.0"))
# The per-process page layer's bound, in bytes of HTML.
LAWREADER_LOCAL_PAGE_BYTES = int(os.environ.get("LAWREADER_LOCAL_PAGE_BYTES", str(64 * 1024 * 1024)))

# Open data (lawreader/opendata/): any origin may read it; anonymous API clients get this many requests per address.
CORS_URLS_REGEX = r"^/(?:api|akn)/|^/laws/.*/annotations\.jsonld$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]
LAWREADER_API_RATE = os.environ.get("LAWREADER_API_RATE", "120/min")
NINJA_PAGINATION_MAX_LIMIT = 5000

# Login protection (django-axes): five failures lock out that username, and that address, for an hour; every
# failure and every login is recorded (admin: Axes; log: lawreader.security). Unlock: `manage.py axes_reset`,
# `axes_reset_username NAME` or `axes_reset_ip ADDRESS`. Behind a reverse proxy, make it pass the client's
# address as REMOTE_ADDR, or every reader shares the proxy's.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_RESET_ON_SUCCESS = True

# Content-Security-Policy (django-csp): our own scripts and styles only, no inline code, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool(os.environ, "DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    # Logins, failed logins and lockouts, whatever the general level.
    "loggers": {
        "lawreader.security": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # WeasyPrint warns, on every PDF, of each screen-only rule of the site's stylesheet it skips.
        "weasyprint": {"level": "ERROR"},
    },
}
