"""HTTP caching of public pages.

Public pages are the same for every anonymous reader (no CSRF token, no
per-user text), so browsers, nginx or a CDN may keep them for a few minutes
and revalidate them with an ETag. A signed-in user's copy of the same page
may name them or offer links only they may follow, so it is ``private``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import conditional_page

# How long a shared cache may serve a public page without revalidating it.
PUBLIC_MAX_AGE = 300

View = Callable[..., HttpResponse]


def public_page(view: View) -> View:
    """Make ``view`` cacheable for anonymous readers, and private for users.

    Anonymous GETs get ``Cache-Control: public, max-age=300``, an ETag and
    ``304 Not Modified`` when the ETag matches (``ConditionalGetMiddleware``
    applied to this view only). Signed-in users get ``Cache-Control:
    private``. Both vary on the cookie, so no cache serves one to the other.
    """

    @wraps(view)
    def shared(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response

    conditional = conditional_page(shared)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.user.is_authenticated:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
        else:
            response = conditional(request, *args, **kwargs)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
