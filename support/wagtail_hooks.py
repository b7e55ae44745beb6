from django.urls import include, path
from wagtail import hooks

from . import admin_urls


@hooks.register("register_admin_urls")
def register_support_admin_urls():
    return [path("support/", include(admin_urls, namespace="support_admin"))]
