"""URLs: public pages under a language prefix, admin and API without."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from config import health, metrics
from config.api import api
from ruta.alerts import views as alerts_views
from ruta.portal import views as portal_views
from ruta.problems import open311

admin.site.site_header = "Ruta del Dinero"
admin.site.site_title = "Ruta del Dinero"

# Pages in the site's layout and language for every error (ruta.portal.errors;
# Django's own 404 page renders ``404.html`` with the request already).
handler400 = "ruta.portal.errors.bad_request"
handler403 = "ruta.portal.errors.permission_denied"
handler500 = "ruta.portal.errors.server_error"

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", portal_views.favicon),
    # Staff sign in on the site's page, with its second factor, never on the
    # admin's own.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
    ),
    path("admin/", admin.site.urls),
    # For load balancers and monitors (docs/deploy.md), without a language.
    path("health/live/", health.live, name="health-live"),
    path("health/ready/", health.ready, name="health-ready"),
    # For Prometheus, from the networks RUTA_METRICS_ALLOWED names (docs/deploy.md).
    path("metrics/", metrics.metrics, name="metrics"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Open311 GeoReport v2 for civic apps (docs/problems.md): XML and JSON,
    # no language prefix; any other address under /open311/ answers the
    # specification's error list.
    path("open311/v2/", include("ruta.problems.open311_urls")),
    path("open311/discovery.<slug:fmt>", open311.discovery),
    re_path(r"^open311/(?P<rest>.*)$", open311.not_found),
    # The WhatsApp Cloud API calls one fixed address, without a language.
    path(
        "avisos/whatsapp/webhook/",
        alerts_views.whatsapp_webhook,
        name="alerts-whatsapp-webhook",
    ),
]

urlpatterns += i18n_patterns(
    path("cuentas/", include("ruta.accounts.urls")),
    path("captura/obras/", include("ruta.works.desk_urls")),
    path("problematicas/", include("ruta.problems.urls")),
    path("obras/", include("ruta.participation.urls")),
    path("obras/", include("ruta.works.urls")),
    path("programas/", include("ruta.programs.urls")),
    path("indicadores/", include("ruta.indicators.urls")),
    path("informes/", include("ruta.reports.urls")),
    path("documentos/", include("ruta.sources.urls")),
    path("apoyos/", include("ruta.grants.urls")),
    path("gobierno-abierto/", include("ruta.opengov.urls")),
    path("presupuesto-participativo/", include("ruta.budgeting.urls")),
    path("senales/", include("ruta.flags.urls")),
    path("concertacion/", include("ruta.concertation.urls")),
    path("importaciones/", include("ruta.ingest.urls")),
    path("datos/", include("ruta.opendata.urls")),
    path("avisos/", include("ruta.alerts.urls")),
    path("uso/", include("ruta.usage.urls")),
    path("calendario/", include("ruta.timeliness.urls")),
    path("peticiones-de-datos/", include("ruta.datarequests.urls")),
    path("", include("ruta.portal.urls")),
)
