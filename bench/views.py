"""Calibration views for the benchmark: the cheapest pages the stack can serve, to compare real pages with.

- ``plain``: a plain-text response, the cost of Django's request cycle and middleware alone;
- ``one_query``: one row read by primary key and a small template, the floor for any page with data;
- ``EmptyAdminPage``: a Wagtail admin page with the admin's chrome, menus and context processors but
  no data, the floor for every admin table.

They answer 404 unless ``settings.BENCH_CALIBRATION_VIEWS`` (env ``PORTAL_BENCH_VIEWS=1``) is on, so a
production site does not expose them.
"""

from django.conf import settings
from django.contrib.sites.models import Site
from django.http import Http404, HttpResponse
from django.template import loader
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


def require_calibration_views():
    if not getattr(settings, "BENCH_CALIBRATION_VIEWS", False):
        raise Http404("The benchmark's calibration views are off.")


def plain(request):
    require_calibration_views()
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def one_query(request):
    require_calibration_views()
    # Rendered without the request, so no context processor adds queries of its own.
    site = Site.objects.filter(pk=settings.SITE_ID).first()
    html = loader.get_template("bench/one_query.html").render({"site": site})
    return HttpResponse(html)


class EmptyAdminPage(WagtailAdminTemplateMixin, TemplateView):
    """Wagtail wraps hook URLs in ``require_admin_access``: only users with admin access get here."""

    template_name = "bench/empty_admin_page.html"
    page_title = "Benchmark: empty page"
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        require_calibration_views()
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


empty_admin_page = EmptyAdminPage.as_view()
