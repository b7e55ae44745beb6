"""The site-side calibration views, mounted at /bench/ (the admin one is in bench/wagtail_hooks.py)."""

from django.urls import path

from . import views

app_name = "bench"

urlpatterns = [
    path("plain/", views.plain, name="plain"),
    path("one-query/", views.one_query, name="one_query"),
]
