from django.urls import path
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_bench_admin_urls():
    return [path("bench/empty/", views.empty_admin_page, name="bench_empty_admin_page")]
