"""Settings shared by every environment, read from the environment.

``DATABASE_URL`` selects a PostgreSQL server, as the application's role;
``RUTA_DATABASE_OWNER_URL``, the role that owns the schema and runs
migrations (docs/deploy.md); ``RUTA_DATABASE_REPLICA_URL``, a streaming
replica of it that anonymous reads go to (``ruta.common.db.replica``).
Without ``DATABASE_URL`` the platform uses an embedded PostgreSQL (the
``pgserver`` package) in ``.pgdata/`` of the checkout, so a new user needs
no set-up. Importing settings starts nothing:
the entry points start the embedded server (``ruta.common.db.embedded``).
PostgreSQL is the only engine.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
from pathlib import Path
from typing import Any

import dj_database_url
import pgtrigger
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ruta.catalog.zones import state_time_zone, time_zone_checked
from ruta.common.audit import history
from ruta.common.files.storageurls import StorageUrlError, file_storages, uses_buckets

BASE_DIR = Path(__file__).resolve().parents[2]


def env_bool(name: str, default: bool) -> bool:
    """Return the boolean environment variable ``name`` ("1", "true", "yes")."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Return the comma-separated environment variable ``name`` as a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


def env_networks(name: str, default: str) -> list[str]:
    """Return the comma-separated networks (CIDR or addresses) in ``name``."""
    networks = env_list(name, default)
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError as error:
            raise ImproperlyConfigured(f"{name}: {error}") from error
    return networks


def database_config() -> dict[str, Any]:
    """Return the default database: ``DATABASE_URL`` or the embedded server's."""
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
        # Two checkouts on one server never share (and drop) a test database.
        checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]
        config["TEST"] = {"NAME": f"test_{config['NAME']}_{checkout}"}
    else:
        from ruta.common.db.embedded import embedded_settings

        config = embedded_settings(BASE_DIR / ".pgdata")
    test_name = os.environ.get("RUTA_TEST_DATABASE")
    if test_name:
        config["TEST"] = {"NAME": test_name}
    return config


# How long a web worker waits for the replica to accept a connection before
# reading the primary instead (ruta.common.db.replica).
REPLICA_CONNECT_TIMEOUT = 3


def replica_config(url: str) -> dict[str, Any]:
    """Return the ``replica`` database of ``RUTA_DATABASE_REPLICA_URL``.

    A hot standby of ``DATABASE_URL``'s server, reached as the application's
    role (the standby has the primary's roles and grants).
    """
    try:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"RUTA_DATABASE_REPLICA_URL: {error}") from error
    if config.get("ENGINE") != "django.db.backends.postgresql" or not config.get(
        "NAME"
    ):
        raise ImproperlyConfigured(
            "RUTA_DATABASE_REPLICA_URL must be a postgresql:// URL naming the "
            "replica's server and database"
        )
    config["OPTIONS"] = {
        "connect_timeout": REPLICA_CONNECT_TIMEOUT,
        **(config.get("OPTIONS") or {}),
    }
    config["TEST"] = {"MIRROR": "default"}
    return config


# Every connection's session starts with PostgreSQL's JIT compilation off. The
# planner compiles a statement with LLVM once its estimated cost passes
# jit_above_cost, which wide joins over tables it over-estimates reach while
# running in milliseconds: the compilation then takes one to three seconds
# (measured in the test suite: batched reads of a few thousand rows, 1.7-2.9 s
# each, gone with JIT off). The reads here are pages and keyed batches, never
# the long scans JIT pays back on. The URL's own options (``?options=...``)
# come after, so a deployment can turn it on again.
SESSION_OPTIONS = "-c jit=off"


def _session_options(config: dict[str, Any]) -> dict[str, Any]:
    """Return ``config`` with ``SESSION_OPTIONS`` before its own ``options``.

    And statements prepared the first time they run, on the cursors that
    send values apart (``ruta.common.fast.compiled.prepared_cursor``, for the few
    reads every work's page repeats); Django's own cursors write the values
    in and are never prepared.
    """
    options = dict(config.get("OPTIONS") or {})
    options["options"] = f"{SESSION_OPTIONS} {options.get('options', '')}".strip()
    options.setdefault("prepare_threshold", 0)
    return {**config, "OPTIONS": options}


def databases() -> dict[str, dict]:
    """Return the application's database; the owner's and replica's when configured."""
    return {alias: _session_options(config) for alias, config in _databases().items()}


def _databases() -> dict[str, dict]:
    found = {"default": database_config()}
    owner = os.environ.get("RUTA_DATABASE_OWNER_URL")
    if owner and os.environ.get("DATABASE_URL"):
        found["owner"] = {**dj_database_url.parse(owner), "TEST": {"MIRROR": "default"}}
    replica = os.environ.get("RUTA_DATABASE_REPLICA_URL", "").strip()
    if replica:
        if not os.environ.get("DATABASE_URL"):
            raise ImproperlyConfigured(
                "RUTA_DATABASE_REPLICA_URL needs DATABASE_URL: a replica streams "
                "from a PostgreSQL server of yours, not from the embedded one"
            )
        found["replica"] = replica_config(replica)
    return found


DEBUG = env_bool("RUTA_DEBUG", True)
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "insecure-development-key-never-use-in-production"
)
ALLOWED_HOSTS = env_list("RUTA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("RUTA_CSRF_TRUSTED_ORIGINS", "")
# A form the CSRF check refuses answers the site's page, saying what to do.
CSRF_FAILURE_VIEW = "ruta.portal.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "axes",
    "csp",
    "ninja",
    "procrastinate.contrib.django",
    # The platform's apps, in layer order (docs/architecture.md).
    "ruta.common",
    "ruta.catalog",
    "ruta.accounts",
    "ruta.sources",
    "ruta.works",
    "ruta.programs",
    "ruta.indicators",
    "ruta.participation",
    "ruta.problems",
    "ruta.grants",
    "ruta.opengov",
    "ruta.accounting",
    "ruta.budgeting",
    "ruta.flags",
    "ruta.concertation",
    "ruta.ingest",
    "ruta.reports",
    "ruta.opendata",
    "ruta.usage",
    "ruta.datarequests",
    "ruta.timeliness",
    "ruta.alerts",
    "ruta.portal",
    "ruta.demo",
]

# Background jobs (imports) run in procrastinate's queue, kept in PostgreSQL
# itself: the embedded server needs nothing else. `ruta worker` runs them.
PROCRASTINATE_AUTODISCOVER_MODULE_NAME = "tasks"
# Each job runs under the id of the request that queued it and logs one line.
PROCRASTINATE_ON_APP_READY = "ruta.common.ops.requestlog.queue_logging"

MIDDLEWARE = [
    # Outermost: the request's id for every layer, one JSON line for the whole
    # answer (ruta.common.ops.requestlog).
    "ruta.common.ops.requestlog.RequestLogMiddleware",
    # Each answer counted by route and status, timed, its queries counted
    # (ruta.common.ops.metrics).
    "ruta.common.ops.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ruta.common.web.guards.RequestGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The public files under /media/ when no nginx sends them
    # (RUTA_SERVE_MEDIA; ruta.common.files.publicfiles).
    "ruta.common.files.publicfiles.PublicMediaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ruta.common.web.middleware.AuditContextMiddleware",
    "ruta.common.web.middleware.ReadVersionMiddleware",
    "config.apihttp.ApiHttpMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # A page's bare 405 becomes the site's page (status and Allow kept).
    "ruta.portal.errors.MethodNotAllowedPageMiddleware",
    # Innermost, around the view: counts what the view answered (its status
    # known); what an outer layer refused (a rate limit) is no reading. It
    # reads no address or cookie (docs/usage.md).
    "ruta.usage.middleware.UsageCountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ruta.portal.context_processors.site",
            ],
        },
    },
]
# Django's form templates, but a select's options written without the
# engine (ruta.common.fast.formrender): the same HTML, a tenth of the time.
FORM_RENDERER = "ruta.common.fast.formrender.Renderer"

DATABASES = databases()
# Anonymous reads to the replica when there is one; everything else to the
# primary (ruta.common.db.replica).
DATABASE_ROUTERS = ["ruta.common.db.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:desk"
LOGOUT_REDIRECT_URL = "portal:home"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# An invitation (an account made for a committee member) is a signed link
# to choose a password: good for a week, and once (ruta.accounts.invitations).
PASSWORD_RESET_TIMEOUT = 7 * 24 * 3600
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # "aaaaaaaaaaaa" is twelve characters long and no password.
    {"NAME": "ruta.accounts.passwords.VariedCharactersValidator"},
]

# Login throttling, three limits (docs/deploy.md says why these numbers):
# five failures lock an account from one address for 15 minutes (axes);
# twenty failures on one account from any address, or fifty from one address
# across accounts, in an hour, stop sign-ins there (ruta.accounts.throttle).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "ruta.accounts.throttle.attempted_email"
AXES_CLIENT_IP_CALLABLE = "ruta.common.ops.client.client_address"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
RUTA_LOGIN_ACCOUNT_FAILURES = 20
RUTA_LOGIN_ADDRESS_FAILURES = 50
RUTA_LOGIN_WINDOW_MINUTES = 60
# Proxies whose X-Forwarded-For is believed (addresses or networks).
RUTA_TRUSTED_PROXIES = env_list("RUTA_TRUSTED_PROXIES", "")

LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Español")), ("en", _("English"))]
# ruta/spanish_source holds each of the platform's strings as its own Spanish
# translation (generated by `make messages`): a Spanish page's lookups then
# stop at the first catalogue instead of walking the seven fallback
# catalogues of Django's apps, about 7 % of a work page's time.
LOCALE_PATHS = [BASE_DIR / "ruta" / "locale", BASE_DIR / "ruta" / "spanish_source"]
# Dates and times are the instance's: RUTA_TIME_ZONE, or the zone of the
# state it publishes for (Sonora keeps UTC−7 all year); central Mexico's
# time for a national instance.
RUTA_STATE = os.environ.get("RUTA_STATE", "").strip()
# A municipality's own instance: its INEGI code (five digits), which implies
# the state (docs/municipality.md).
RUTA_MUNICIPALITY = os.environ.get("RUTA_MUNICIPALITY", "").strip()
# What caches are scoped by: the instance's, read by the catalog.
RUTA_INSTANCE_SCOPE = "ruta.catalog.instance.instance_scope"
try:
    TIME_ZONE = time_zone_checked(
        os.environ.get("RUTA_TIME_ZONE", "").strip()
        or state_time_zone(RUTA_STATE or RUTA_MUNICIPALITY[:2])
    )
except ValueError as error:
    raise ImproperlyConfigured(f"RUTA_TIME_ZONE: {error}") from error
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(os.environ.get("RUTA_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# `ruta serve` alone (the demo) sends the public files under MEDIA_URL
# itself; production settings leave them to nginx (docs/deploy.md).
RUTA_SERVE_MEDIA = env_bool("RUTA_SERVE_MEDIA", True)
# Files that hold personal data live outside MEDIA_ROOT, which nginx
# publishes, and are sent only after a permission check (docs/deploy.md:
# which files are private; ruta.common.files.uploads declares them).
RUTA_PRIVATE_ROOT = Path(
    os.environ.get("RUTA_PRIVATE_ROOT", BASE_DIR / "var" / "private")
)
# Files uploaded on the staff desk wait here for the import worker, which
# must see the same folder (ruta.ingest.jobs).
RUTA_IMPORT_DIR = Path(os.environ.get("RUTA_IMPORT_DIR", BASE_DIR / "var" / "imports"))
# Or every file in two buckets of an S3-compatible object storage: the public
# one and the private one (ruta.common.files.storageurls; docs/deploy.md).
RUTA_STORAGE_URL = os.environ.get("RUTA_STORAGE_URL", "").strip()
RUTA_PRIVATE_STORAGE_URL = os.environ.get("RUTA_PRIVATE_STORAGE_URL", "").strip()
try:
    STORAGES = file_storages(
        RUTA_STORAGE_URL,
        RUTA_PRIVATE_STORAGE_URL,
        private_root=RUTA_PRIVATE_ROOT,
        import_dir=RUTA_IMPORT_DIR,
    )
except StorageUrlError as error:
    raise ImproperlyConfigured(str(error)) from error
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
# Behind nginx, the ``internal`` location that sends private files once the
# application allowed it (X-Accel-Redirect); empty, the application streams
# them itself, as it always does from a bucket.
RUTA_PRIVATE_FILES_ACCEL = os.environ.get("RUTA_PRIVATE_FILES_ACCEL", "")
# Behind nginx, the location that sends the public files (``/media/`` in
# deploy/nginx): the published open-data files are handed to it with an
# X-Accel-Redirect, so a download of hundreds of megabytes holds no worker.
# Empty, the application streams them itself (and always from a bucket).
RUTA_PUBLIC_FILES_ACCEL = os.environ.get("RUTA_PUBLIC_FILES_ACCEL", "")
if RUTA_PUBLIC_FILES_ACCEL and not (
    RUTA_PUBLIC_FILES_ACCEL.startswith("/") and RUTA_PUBLIC_FILES_ACCEL.endswith("/")
):
    raise ImproperlyConfigured(
        "RUTA_PUBLIC_FILES_ACCEL must be a location that starts and ends with /"
    )
if RUTA_PRIVATE_FILES_ACCEL and uses_buckets(STORAGES):
    raise ImproperlyConfigured(
        "RUTA_PRIVATE_FILES_ACCEL names nginx's folder of private files, but "
        "RUTA_PRIVATE_STORAGE_URL keeps them in a bucket: unset it"
    )

# Audit history: every tracked model records its inserts, updates and
# deletes (a model adds manual events with ``ruta.common.audit.history``), and
# event tables refuse UPDATE and DELETE at the database.
PGHISTORY_DEFAULT_TRACKERS = (
    history.InsertEvent(),
    history.UpdateEvent(),
    history.DeleteEvent(),
)
PGHISTORY_APPEND_ONLY = True
# Statement-level triggers with transition tables: one trigger call (and one
# context row) per statement, however many rows it writes, so a bulk import
# is audited row by row at the cost of a set-based INSERT.
# (mypy may reach pgtrigger's constant inside the settings' own import cycle
# before it has typed it.)
PGHISTORY_LEVEL = pgtrigger.Statement  # type: ignore[has-type]
PGHISTORY_ADMIN_ALL_EVENTS = False
# Order events by when they happened, even inside one transaction.
PGHISTORY_CREATED_AT_FUNCTION = "clock_timestamp()"

# Content Security Policy: nothing from other origins, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Request limits (the guard middleware bounds addresses and values; see
# ruta/common/web/guards.py). Forms are small; uploads go through their own views.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Every mail the platform sends is queued (ruta.common.mail): a request never
# waits for, or fails with, the mail server. ``ruta worker`` hands the queue
# to the delivery backend: real SMTP in production, the console in
# development (RUTA_EMAIL_BACKEND names it).
EMAIL_BACKEND = "ruta.common.mail.OutboxBackend"
RUTA_EMAIL_DELIVERY_BACKEND = os.environ.get(
    "RUTA_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("RUTA_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("RUTA_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("RUTA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("RUTA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("RUTA_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("RUTA_EMAIL_FROM", "avisos@localhost")

# Logs are JSON, one object a line (ruta.common.ops.requestlog): one line per
# request and per job at INFO (RUTA_REQUEST_LOG=0 leaves them out), the rest
# at RUTA_LOG. Client addresses are personal data and stay out of the lines;
# RUTA_LOG_ADDRESSES=truncated adds each client's network (docs/deploy.md).
RUTA_LOG_ADDRESSES = os.environ.get("RUTA_LOG_ADDRESSES", "").strip()
if RUTA_LOG_ADDRESSES not in ("", "truncated"):
    raise ImproperlyConfigured(
        f"RUTA_LOG_ADDRESSES must be blank or truncated, not {RUTA_LOG_ADDRESSES!r}"
    )
_LINE_LEVEL = "INFO" if env_bool("RUTA_REQUEST_LOG", True) else "WARNING"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ruta.common.ops.requestlog.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("RUTA_LOG", "WARNING")},
    "loggers": {
        "ruta.requests": {"level": _LINE_LEVEL},
        "ruta.jobs": {"level": _LINE_LEVEL},
    },
}

# The apps whose tables hold public data: a write to any of them changes the
# data version that caches, ETags and Last-Modified follow
# (ruta.common.db.versioning).
RUTA_PUBLIC_DATA_APPS = [
    "catalog",
    "sources",
    "works",
    "programs",
    "indicators",
    "participation",
    "problems",
    "grants",
    "opengov",
    "accounting",
    "budgeting",
    # Agreements with the ayuntamientos, on the municipality pages.
    "concertation",
    # Red flags kept at each publish and the SAT's 69-B lists.
    "flags",
    # The published files' history: a new version shows on the open-data
    # pages at once.
    "opendata",
    # Data requests and their answers, shown on public pages.
    "datarequests",
]


def env_count(name: str, default: int, *, most: int) -> int:
    """Return the number from 1 to ``most`` in the environment variable ``name``."""
    value = os.environ.get(name, str(default)).strip()
    if not value.isdigit() or not 1 <= int(value) <= most:
        raise ImproperlyConfigured(
            f"{name} must be a number from 1 to {most}, not {value!r}"
        )
    return int(value)


# Seconds ``ruta worker`` waits for a database connection before it stops
# failed, for its supervisor to restart it (procrastinate's pool timeout).
RUTA_WORKER_DATABASE_WAIT = env_count("RUTA_WORKER_DATABASE_WAIT", 30, most=600)


# The cache every web worker and the queue's workers share: Redis when
# RUTA_CACHE_URL names it ("redis://127.0.0.1:6379/0"), else each process's
# own memory. Prepared aggregates, the explorer's totals and the API's rate
# counters live there, so with several workers Redis builds each once and
# counts each client once.
RUTA_CACHE_URL = os.environ.get("RUTA_CACHE_URL", "").strip()
if RUTA_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": RUTA_CACHE_URL,
            "KEY_PREFIX": "ruta",
        }
    }

# Readiness (/health/ready/, ruta.common.ops.health): how far behind the primary
# a replica may replay before the node reports itself not ready.
RUTA_REPLICA_MAX_LAG_SECONDS = env_count("RUTA_REPLICA_MAX_LAG_SECONDS", 30, most=3600)

# Metrics for Prometheus (/metrics/, ruta.common.ops.metrics; docs/deploy.md):
# the networks whose scrapes are answered (anyone else gets 404), and the
# folder the processes of a machine (gunicorn's workers, ``ruta worker``)
# keep their counters in, so one scrape sums them all. Without the folder
# each process counts alone, as in development.
RUTA_METRICS_ALLOWED = env_networks("RUTA_METRICS_ALLOWED", "127.0.0.1/32,::1/128")
RUTA_METRICS_DIR = os.environ.get("RUTA_METRICS_DIR", "").strip()
if RUTA_METRICS_DIR:
    # prometheus_client reads it when first imported, after these settings.
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = RUTA_METRICS_DIR

# How long a migration may wait for a table's lock before it gives up with
# an error, changing nothing, rather than queue every request behind it
# (ruta.common.db.migrationlocks; docs/deploy.md, upgrades).
RUTA_MIGRATION_LOCK_TIMEOUT = env_count("RUTA_MIGRATION_LOCK_TIMEOUT", 10, most=600)

# Backups (``ruta backup``, docs/deploy.md): the folder of the files' backups
# and of the base-backup method's copies and WAL; the method (pgBackRest for
# a server of the machine, PostgreSQL's own base backups for the embedded
# one); pgBackRest's stanza and configuration; full copies kept; and, for
# base backups of a server not embedded, a role with REPLICATION.
RUTA_BACKUP_DIR = Path(os.environ.get("RUTA_BACKUP_DIR", BASE_DIR / "var" / "backups"))
RUTA_BACKUP_METHOD = os.environ.get("RUTA_BACKUP_METHOD", "").strip()
RUTA_BACKUP_STANZA = os.environ.get("RUTA_BACKUP_STANZA", "ruta").strip()
RUTA_PGBACKREST_CONFIG = os.environ.get("RUTA_PGBACKREST_CONFIG", "").strip()
RUTA_BACKUP_RETENTION = env_count("RUTA_BACKUP_RETENTION", 2, most=100)
RUTA_BACKUP_DATABASE_URL = os.environ.get("RUTA_BACKUP_DATABASE_URL", "").strip()
# The folder of PostgreSQL's tools the base-backup method runs (of the
# server's major version): the embedded wheel's for it, else the PATH's.
RUTA_BACKUP_BINARIES = os.environ.get("RUTA_BACKUP_BINARIES", "").strip()
# Run as root (its cron), ``ruta backup`` runs the tools as this system user:
# the server's, which owns its data folder and archive.
RUTA_BACKUP_OS_USER = os.environ.get("RUTA_BACKUP_OS_USER", "").strip()
# The embedded server's data folder, when no DATABASE_URL names a server.
RUTA_EMBEDDED_PGDATA = None if os.environ.get("DATABASE_URL") else BASE_DIR / ".pgdata"

# Requests a minute one client may make to the API (config.apihttp).
RUTA_API_REQUESTS_PER_MINUTE = env_count(
    "RUTA_API_REQUESTS_PER_MINUTE", 600, most=1_000_000
)

# Messages handed to the mail server a minute, all of the platform's mail
# (the provider's limit), and the days a sent or refused message keeps its
# content and addresses before only its record stays.
RUTA_EMAIL_PER_MINUTE = env_count("RUTA_EMAIL_PER_MINUTE", 120, most=100_000)
RUTA_EMAIL_KEEP_DAYS = env_count("RUTA_EMAIL_KEEP_DAYS", 30, most=3650)
# Codes and confirmation links one mailbox may be sent in 24 hours, whoever
# typed its address and from however many connections (ruta.common.mail): a
# person following a few things and voting stays well within it, and no one
# can fill someone else's mailbox.
RUTA_EMAIL_CONFIRMATIONS_PER_DAY = env_count(
    "RUTA_EMAIL_CONFIRMATIONS_PER_DAY", 5, most=1_000
)

# Downloads built on request (the explorer's CSV/XLSX/JSON, the annual
# report's workbook, the OC4IDS and OCDS packages, the grants' and
# commitments' files): how many the whole site builds at once (others answer
# 503 with Retry-After), and the most works one selection may hold before the
# explorer points to the published bulk file instead (docs/opendata.md).
RUTA_DOWNLOAD_BUILDS = env_count("RUTA_DOWNLOAD_BUILDS", 1, most=16)
RUTA_DOWNLOAD_MAX_ROWS = env_count("RUTA_DOWNLOAD_MAX_ROWS", 20_000, most=200_000)

# Problem reports (docs/problems.md): reports one client address may file
# from the site in an hour, reports one Open311 key may file in an hour, how
# far (meters) an Open311 request's point may lie from the work it names by
# place, and the days a reporter's contact is kept after the report closes.
RUTA_PROBLEM_REPORTS_PER_HOUR = env_count(
    "RUTA_PROBLEM_REPORTS_PER_HOUR", 5, most=10_000
)
RUTA_OPEN311_REPORTS_PER_HOUR = env_count(
    "RUTA_OPEN311_REPORTS_PER_HOUR", 120, most=100_000
)
RUTA_OPEN311_NEAREST_METERS = env_count("RUTA_OPEN311_NEAREST_METERS", 300, most=5000)
RUTA_REPORTER_CONTACT_RETENTION_DAYS = env_count(
    "RUTA_REPORTER_CONTACT_RETENTION_DAYS", 180, most=3650
)
# The days the name of whoever asked for a social aid is kept after the
# request is resolved (five years, the span an audit of the year may ask for).
RUTA_AID_RECIPIENT_RETENTION_DAYS = env_count(
    "RUTA_AID_RECIPIENT_RETENTION_DAYS", 1825, most=3650
)

RUTA_SITE_NAME = os.environ.get("RUTA_SITE_NAME", "Ruta del Dinero")
# The licence of the open data (an SPDX identifier), named in every data
# package and in the DCAT catalogue (docs/opendata.md).
RUTA_DATA_LICENSE = os.environ.get("RUTA_DATA_LICENSE", "CC-BY-4.0").strip()
# Who publishes the open data, as the catalogue names it; the site's name
# when blank, and an address where users can ask about the data.
RUTA_DATA_PUBLISHER = os.environ.get("RUTA_DATA_PUBLISHER", "").strip()
RUTA_DATA_CONTACT = os.environ.get("RUTA_DATA_CONTACT", "").strip()
# The origin the public site is served from, for addresses written outside a
# request (``ruta export dcat``).
RUTA_SITE_URL = os.environ.get("RUTA_SITE_URL", "http://127.0.0.1:8000").strip()


def env_hour(name: str, default: int) -> int:
    """Return the hour of the day (0-23) in the environment variable ``name``."""
    value = os.environ.get(name, str(default)).strip()
    if not value.isdigit() or not 0 <= int(value) <= 23:
        raise ImproperlyConfigured(
            f"{name} must be an hour from 0 to 23, not {value!r}"
        )
    return int(value)


# The grants' daily deadlines job runs in the background queue every day at
# this hour (UTC; 12 is 06:00 in central Mexico), taken by `ruta worker`.
RUTA_GRANTS_DAILY_HOUR = env_hour("RUTA_GRANTS_DAILY_HOUR", 12)
# The SAT's CFDI status service (vigente/cancelado), asked about each invoice
# received when set; its official address is in ruta/grants/sat_status.py.
# Blank: never asked, and the check is reported as not run.
RUTA_SAT_STATUS_URL = os.environ.get("RUTA_SAT_STATUS_URL", "").strip()
# Whether invoices sealed with certificates of the SAT's test authority ("AC
# UAT", the SAT's developer kits) are received: only on an instance for tests
# or training, never where grants are real (docs/grants.md).
RUTA_CFDI_TEST_AUTHORITY = env_bool("RUTA_CFDI_TEST_AUTHORITY", False)
# The state this instance publishes for, by its INEGI code ("26": Sonora),
# read above with the time zone; blank for a national instance. Its name and
# regions come from the catalog.

# The platform's policy (not the TMM-F004 form's rule): capture asks for an
# observation when a quarter or the year departs from its programme.
RUTA_POA_OBSERVATION_REQUIRED = env_bool("RUTA_POA_OBSERVATION_REQUIRED", True)

# Action plans' questionnaires name the public servants who work on each
# commitment, as the published report does. With this set, pages, the API
# and downloads withhold those answers (docs/opengov.md).
RUTA_WITHHOLD_OFFICIAL_NAMES = env_bool("RUTA_WITHHOLD_OFFICIAL_NAMES", False)

# Open data (OC4IDS and OCDS exports, docs/opendata.md). Project identifiers
# start with the publisher's OC4IDS prefix and the contracts captured here
# (not read from an OCDS file) take ocids with its OCDS prefix: both are
# registered with the Open Contracting Partnership; the defaults only mark
# an instance that has not registered yet.
RUTA_OC4IDS_PREFIX = os.environ.get("RUTA_OC4IDS_PREFIX", "oc4ids-ruta00").strip()
RUTA_OCDS_PREFIX = os.environ.get("RUTA_OCDS_PREFIX", "ocds-ruta00").strip()

# Red flags (docs/flags.md): each rule's thresholds, as JSON
# {"flag": {"setting": value}}, over the defaults ``ruta.flags.rules``
# declares with their sources; bounded there, refused with the flag named.
RUTA_FLAG_THRESHOLDS: dict[str, dict[str, Any]] = json.loads(
    os.environ.get("RUTA_FLAG_THRESHOLDS", "{}") or "{}"
)
# The law a state-funded work's modifications answer to: its name, article
# and the share of the contract's amount or term modifications may reach.
# Federally funded works answer to the Ley de Obras Públicas y Servicios
# Relacionados con las Mismas, art. 59 (25 %), whatever this says.
RUTA_FLAG_STATE_WORKS_LAW = {
    "name": os.environ.get(
        "RUTA_FLAG_STATE_WORKS_LAW_NAME",
        "Ley de Obras Públicas y Servicios Relacionados con las Mismas "
        "(por analogía: la instancia no ha declarado la ley de su estado)",
    ).strip(),
    "article": os.environ.get("RUTA_FLAG_STATE_WORKS_LAW_ARTICLE", "59").strip(),
    "percent": os.environ.get("RUTA_FLAG_STATE_WORKS_LAW_PERCENT", "25").strip(),
}

# Alerts (docs/alerts.md). A confirmation link expires after these hours;
# requests never confirmed are deleted, and ended subscriptions lose their
# contact, after these days (the retention job, `ruta alerts retention`).
RUTA_ALERTS_CONFIRM_HOURS = env_count("RUTA_ALERTS_CONFIRM_HOURS", 48, most=24 * 30)
RUTA_ALERTS_PENDING_RETENTION_DAYS = env_count(
    "RUTA_ALERTS_PENDING_RETENTION_DAYS", 7, most=3650
)
RUTA_ALERTS_ENDED_RETENTION_DAYS = env_count(
    "RUTA_ALERTS_ENDED_RETENTION_DAYS", 30, most=3650
)
# Organisations that sign up for grants from one client address in an hour
# (each sends an e-mail to the address typed in).
RUTA_GRANTS_SIGNUPS_PER_HOUR = env_count("RUTA_GRANTS_SIGNUPS_PER_HOUR", 5, most=10_000)
# Usage counts (docs/usage.md): each process writes its tally at most this
# many seconds (on a timer) or hits apart; nginx's usage log, read every ten
# minutes.
RUTA_USAGE_FLUSH_SECONDS = env_count("RUTA_USAGE_FLUSH_SECONDS", 1, most=3600)
RUTA_USAGE_FLUSH_HITS = env_count("RUTA_USAGE_FLUSH_HITS", 200, most=100_000)
RUTA_USAGE_NGINX_LOG = os.environ.get("RUTA_USAGE_NGINX_LOG", "").strip()
# Data requests one client address may file per hour.
RUTA_DATA_REQUESTS_PER_HOUR = env_count("RUTA_DATA_REQUESTS_PER_HOUR", 10, most=10_000)
# Sign-up requests one client address may make per hour (each sends a mail).
RUTA_ALERTS_SIGNUPS_PER_HOUR = env_count(
    "RUTA_ALERTS_SIGNUPS_PER_HOUR", 10, most=10_000
)
# Participatory budgeting (docs/budgeting.md): proposals one client address
# may send in an hour; voting codes one client address, and one contact, may
# ask for in an hour (each sends a message); codes one client address may
# try in an hour (besides each code's own attempts, rules.CODE_ATTEMPTS).
RUTA_BUDGETING_PROPOSALS_PER_HOUR = env_count(
    "RUTA_BUDGETING_PROPOSALS_PER_HOUR", 5, most=10_000
)
RUTA_BUDGETING_CODES_PER_HOUR = env_count(
    "RUTA_BUDGETING_CODES_PER_HOUR", 10, most=10_000
)
RUTA_BUDGETING_CODES_PER_CONTACT_PER_HOUR = env_count(
    "RUTA_BUDGETING_CODES_PER_CONTACT_PER_HOUR", 3, most=100
)
# Codes one contact may be sent in 24 hours, by any channel (an e-mail
# address is also counted with every other confirmation its mailbox gets,
# RUTA_EMAIL_CONFIRMATIONS_PER_DAY).
RUTA_BUDGETING_CODES_PER_CONTACT_PER_DAY = env_count(
    "RUTA_BUDGETING_CODES_PER_CONTACT_PER_DAY", 5, most=100
)
RUTA_BUDGETING_CODE_CHECKS_PER_HOUR = env_count(
    "RUTA_BUDGETING_CODE_CHECKS_PER_HOUR", 30, most=10_000
)
# Messages each channel may send per minute (the provider's limits).
RUTA_ALERTS_RATE_PER_MINUTE = {
    "email": env_count("RUTA_ALERTS_EMAIL_PER_MINUTE", 120, most=100_000),
    "whatsapp": env_count("RUTA_ALERTS_WHATSAPP_PER_MINUTE", 60, most=100_000),
}
# The messaging channel: "whatsapp" (the Cloud API) or "console" (prints each
# request, for the demo); blank picks whatsapp when a token is set.
RUTA_ALERTS_MESSAGING_BACKEND = os.environ.get(
    "RUTA_ALERTS_MESSAGING_BACKEND", ""
).strip()
if RUTA_ALERTS_MESSAGING_BACKEND not in ("", "whatsapp", "console"):
    raise ImproperlyConfigured(
        "RUTA_ALERTS_MESSAGING_BACKEND must be whatsapp or console, not "
        f"{RUTA_ALERTS_MESSAGING_BACKEND!r}"
    )
RUTA_WHATSAPP_API_URL = os.environ.get(
    "RUTA_WHATSAPP_API_URL", "https://graph.facebook.com/v21.0"
).strip()
RUTA_WHATSAPP_PHONE_NUMBER_ID = os.environ.get(
    "RUTA_WHATSAPP_PHONE_NUMBER_ID", ""
).strip()
RUTA_WHATSAPP_TOKEN = os.environ.get("RUTA_WHATSAPP_TOKEN", "").strip()
RUTA_WHATSAPP_APP_SECRET = os.environ.get("RUTA_WHATSAPP_APP_SECRET", "").strip()
RUTA_WHATSAPP_VERIFY_TOKEN = os.environ.get("RUTA_WHATSAPP_VERIFY_TOKEN", "").strip()
# The approved template alerts go out as, with three body parameters: what
# happened, the work's page and the subscriber's data page.
RUTA_WHATSAPP_TEMPLATE = os.environ.get("RUTA_WHATSAPP_TEMPLATE", "ruta_aviso").strip()
RUTA_WHATSAPP_TEMPLATE_LANGUAGE = os.environ.get(
    "RUTA_WHATSAPP_TEMPLATE_LANGUAGE", "es_MX"
).strip()
# The authentication template voting codes go out as (docs/alerts.md).
RUTA_WHATSAPP_CODE_TEMPLATE = os.environ.get(
    "RUTA_WHATSAPP_CODE_TEMPLATE", "ruta_codigo"
).strip()
# The instance's WhatsApp number people write to, in international form
# (52 and ten digits): shown with a link that opens the chat. Blank: no page
# offers WhatsApp.
RUTA_WHATSAPP_NUMBER = "".join(
    ch for ch in os.environ.get("RUTA_WHATSAPP_NUMBER", "") if ch.isdigit()
)
if RUTA_WHATSAPP_NUMBER and not 8 <= len(RUTA_WHATSAPP_NUMBER) <= 15:
    raise ImproperlyConfigured(
        "RUTA_WHATSAPP_NUMBER must be an international number of 8 to 15 "
        f"digits (country code first), not {RUTA_WHATSAPP_NUMBER!r}"
    )
