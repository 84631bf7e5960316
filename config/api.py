"""The JSON API (OpenAPI 3.1), assembled from each app's router."""

from django.http import HttpRequest
from django.urls import reverse
from ninja import NinjaAPI, Schema, Swagger
from ninja.openapi.schema import OpenAPISchema

from config.problems import install_problem_handlers, problems_documented
from ruta.catalog.api import router as catalog_router
from ruta.common.web.caching import version_validated
from ruta.flags.api import router as flags_router
from ruta.grants.api import router as grants_router
from ruta.indicators.api import router as indicators_router
from ruta.portal.api import router as questions_router
from ruta.portal.api_search import router as search_router
from ruta.programs.api import router as programs_router
from ruta.reports.api import router as reports_router
from ruta.sources.api import router as documents_router
from ruta.works.api import router as works_router
from ruta.works.api_contracting import router as contracting_router


class RutaAPI(NinjaAPI):
    """The API, documenting the problem answers every endpoint may give."""

    def get_openapi_schema(self, *args, **kwargs) -> OpenAPISchema:
        return problems_documented(super().get_openapi_schema(*args, **kwargs))


class SiteSwagger(Swagger):
    """Swagger UI in a page that names its language and links back to the site.

    ninja's own page has no ``lang`` and no way back; the UI's files are
    ninja's, served by the platform (no CDN).
    """

    template = "portal/api_docs.html"


api = RutaAPI(
    title="Ruta del Dinero API",
    version="1",
    description=(
        "Open data on public works, their contracting processes (OCDS), POA "
        "programs, performance indicators and grants to civil-society "
        "organisations, with the published documents they were read from. "
        "A query parameter an operation does not list is refused (400, "
        "`unknown-parameter`)."
    ),
    urls_namespace="api",
    # Swagger UI would send the document to validator.swagger.io: no
    # request leaves the site.
    docs=SiteSwagger(settings={"validatorUrl": None}),
)
# An anonymous read is answered 304 from the data version before the
# operation runs (``config.apihttp`` says who may cache it).
api.add_decorator(version_validated, mode="view")
ROUTERS = {
    "/catalog": catalog_router,
    "/contracting": contracting_router,
    "/documents": documents_router,
    "/flags": flags_router,
    "/grants": grants_router,
    "/indicators": indicators_router,
    "/programs": programs_router,
    "/questions": questions_router,
    "/reports": reports_router,
    "/search": search_router,
    "/works": works_router,
}


class Landing(Schema):
    """Where to start: the documentation, the OpenAPI document, the data."""

    title: str
    version: str
    docs: str
    openapi: str
    datasets: str
    resources: list[str]


@api.get("/", response=Landing, summary="Where to start", tags=["api"])
def landing(request: HttpRequest) -> Landing:
    """Name the interactive documentation, the OpenAPI document, the bulk
    open-data files and the resources this API serves."""
    return Landing(
        title=api.title,
        version=api.version,
        docs=reverse("api:openapi-view"),
        openapi=reverse("api:openapi-json"),
        datasets=reverse("opendata:index"),
        resources=[request.path + prefix.strip("/") + "/" for prefix in ROUTERS],
    )


for prefix, router in ROUTERS.items():
    api.add_router(prefix, router)
install_problem_handlers(api)
