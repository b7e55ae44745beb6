from django.apps import apps
from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

from . import views

# Oscar's own sign-in, sign-up and password pages would be a second account area:
# send them to the portal's.
oscar_account_redirects = [
    path("shop/accounts/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("shop/accounts/logout/", RedirectView.as_view(pattern_name="account_logout")),
    path("shop/accounts/register/", RedirectView.as_view(pattern_name="account_signup", query_string=True)),
    path("shop/accounts/profile/", RedirectView.as_view(pattern_name="account_profile")),
    path("shop/accounts/profile/edit/", RedirectView.as_view(pattern_name="account_profile")),
    path("shop/dashboard/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("shop/password-reset/", RedirectView.as_view(pattern_name="password_reset")),
]

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    # The CMS side's own views; they must come before Wagtail's catch-all at the end.
    path("search/", home_views.search, name="site_search"),
    path("help-suggestions/", home_views.help_suggestions, name="help_suggestions"),
    path("help-answered/", home_views.help_answered, name="help_answered"),
    path("help-articles/<int:article_id>/vote/", home_views.help_vote, name="help_vote"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("accounts/", include("portal.account_urls")),
    path("support/", include("support.urls")),
    path("api/", include("portal.api_urls", namespace="api")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The benchmark's calibration views: 404 unless settings.BENCH_CALIBRATION_VIEWS.
    path("bench/", include("bench.urls")),
    *oscar_account_redirects,
    # Oscar under a prefix, so its "/" redirect and URL names leave Wagtail's pages alone.
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
]

if settings.SERVE_MEDIA:
    # Public media (product and CMS images) from this process; at scale a CDN or S3 serves it.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Wagtail's catch-all must stay last.
urlpatterns += [path("", include(wagtail_urls))]
