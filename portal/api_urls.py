"""Every /api/ route: JWT tokens, the OpenAPI schema and its docs, and version 1 of the API."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from support.api import CategoryViewSet, DepartmentViewSet, TicketViewSet
from worktasks.api import TaskViewSet

from .api import MeView, NotificationViewSet, OrderViewSet, ThrottledTokenObtainPairView, ThrottledTokenRefreshView, UserViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("tickets", TicketViewSet, basename="ticket")
router.register("departments", DepartmentViewSet, basename="department")
router.register("categories", CategoryViewSet, basename="category")
router.register("tasks", TaskViewSet, basename="task")
router.register("users", UserViewSet, basename="user")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("orders", OrderViewSet, basename="order")

v1 = [
    path("me/", MeView.as_view(), name="me"),
    *router.urls,
]

app_name = "api"
urlpatterns = [
    path("token/", ThrottledTokenObtainPairView.as_view(), name="token_obtain_pair"),
    path("token/refresh/", ThrottledTokenRefreshView.as_view(), name="token_refresh"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(v1)),
]
