"""A URLconf for tests/unit/portal/test_fixed_url.py: the same name at another address."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("elsewhere/", lambda request: HttpResponse(), name="account_overview")]
