"""The API's shared pieces (errors, paging, throttles, tokens) and the account endpoints:
``me``, my notifications, my orders, and the staff's listing of people to assign work to.

Like the pages, every endpoint reads through selectors and writes through services.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView, exception_handler
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from . import selectors, services

User = get_user_model()


# --- errors -------------------------------------------------------------------------------------


class Conflict(exceptions.APIException):
    """A state change the transition table does not allow (409)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "That change is not allowed in the current state."
    default_code = "conflict"


def _is_transition_error(error) -> bool:
    from support.services import TicketTransitionError
    from worktasks.services import TaskTransitionError

    return isinstance(error, (TicketTransitionError, TaskTransitionError))


def validation_detail(error: DjangoValidationError):
    """A Django ValidationError as DRF's field dict: ``{"field": [...]}``, or non_field_errors."""
    if hasattr(error, "error_dict"):
        return {field: [str(message) for message in messages] for field, messages in error.message_dict.items()}
    return {api_settings.NON_FIELD_ERRORS_KEY: [str(message) for message in error.messages]}


def api_exception_handler(exc, context):
    """One error shape for the whole API.

    Services raise Django's exceptions; here they become 400 (with field messages), 403, 404 and,
    for a status move the transition table refuses, 409. A transition refused for a missing field
    (a resolution summary, a reason) is a plain 400 on that field.
    """
    if isinstance(exc, DjangoValidationError):
        if _is_transition_error(exc) and not hasattr(exc, "error_dict"):
            exc = Conflict(detail=" ".join(str(message) for message in exc.messages), code=exc.code or "conflict")
        else:
            exc = exceptions.ValidationError(detail=validation_detail(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(detail=str(exc) or None)
    return exception_handler(exc, context)


def only_api_endpoints(endpoints, **kwargs):
    """The schema describes /api/ only, not the Wagtail admin's internal API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


# --- paging and throttling ----------------------------------------------------------------------


class PagePagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class ScopedThrottle(ScopedRateThrottle):
    """DRF's scoped throttle, reading the rates when asked so settings overrides take effect."""

    @property
    def THROTTLE_RATES(self):  # noqa: N802  (the name DRF reads)
        return api_settings.DEFAULT_THROTTLE_RATES


class CreateThrottleMixin:
    """Throttle creating (scope ``create``), not reading."""

    throttle_create_actions = ("create",)

    def get_throttles(self):
        if getattr(self, "action", None) in self.throttle_create_actions:
            self.throttle_scope = "create"
            return [*super().get_throttles(), ScopedThrottle()]
        return super().get_throttles()


class ThrottledTokenObtainPairView(TokenObtainPairView):
    """POST an email and password, get an access and a refresh token."""

    throttle_classes = [ScopedThrottle]
    throttle_scope = "token"


class ThrottledTokenRefreshView(TokenRefreshView):
    throttle_classes = [ScopedThrottle]
    throttle_scope = "token"


# --- shared serializers -------------------------------------------------------------------------


class PersonSerializer(serializers.Serializer):
    """How another person is shown: never more than a name and an id."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return str(user)


class StaffPersonSerializer(PersonSerializer):
    email = serializers.EmailField(read_only=True)


# --- me -----------------------------------------------------------------------------------------


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    email = serializers.EmailField(read_only=True)
    display_name = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    roles = serializers.ListField(child=serializers.CharField(), read_only=True)
    can_work_tickets = serializers.BooleanField(read_only=True)
    sees_all_tickets = serializers.BooleanField(read_only=True)
    can_delete_tickets = serializers.BooleanField(read_only=True)
    can_use_tasks = serializers.BooleanField(read_only=True)
    unread_notifications = serializers.IntegerField(read_only=True)


class MeView(APIView):
    @extend_schema(responses=MeSerializer, operation_id="me_retrieve")
    def get(self, request):
        from support import permissions as support_permissions
        from worktasks import permissions as task_permissions

        user = request.user
        data = {
            "id": user.pk,
            "email": user.email,
            "display_name": user.display_name,
            "name": str(user),
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "can_work_tickets": support_permissions.can_use_support_admin(user),
            "sees_all_tickets": support_permissions.sees_all_tickets(user),
            "can_delete_tickets": support_permissions.can_delete_tickets(user),
            "can_use_tasks": task_permissions.can_use_tasks(user),
            "unread_notifications": selectors.unread_notification_count(user=user),
        }
        return Response(MeSerializer(data).data)


# --- notifications ------------------------------------------------------------------------------


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    read_at = serializers.DateTimeField(read_only=True, allow_null=True)
    is_read = serializers.BooleanField(read_only=True)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("unread", OpenApiTypes.BOOL, description="Only unread notifications.")]
    )
)
class NotificationViewSet(viewsets.GenericViewSet, mixins.ListModelMixin):
    """My notifications, newest first; another person's do not exist for me."""

    serializer_class = NotificationSerializer
    pagination_class = PagePagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            from .models import Notification

            return Notification.objects.none()
        notifications = selectors.notifications_of(user=self.request.user)
        if self.request.query_params.get("unread", "").lower() in {"1", "true", "yes"}:
            notifications = notifications.filter(read_at__isnull=True)
        return notifications

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"], url_path="read")
    def read(self, request, pk=None):
        try:
            notification_id = int(pk)
        except (TypeError, ValueError):
            raise exceptions.NotFound() from None
        notification = services.notification_mark_read(user=request.user, notification_id=notification_id)
        return Response(NotificationSerializer(notification).data)

    @extend_schema(
        request=None, responses=inline_serializer("MarkedRead", {"marked_read": serializers.IntegerField()})
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked_read": services.notifications_mark_all_read(user=request.user)})


# --- people to assign work to (staff only) ------------------------------------------------------


class IsDeskOrTaskStaff(BasePermission):
    message = "Only the support team can list people."

    def has_permission(self, request, view):
        from support.permissions import can_use_support_admin
        from worktasks.permissions import can_use_tasks

        return can_use_support_admin(request.user) or can_use_tasks(request.user)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "for",
                OpenApiTypes.STR,
                enum=["tickets", "tasks"],
                description="tickets (default): people who may be given tickets of my departments; "
                "tasks: people who may be given tasks.",
            ),
            OpenApiParameter("department", OpenApiTypes.INT, description="Only people who work this department."),
        ]
    )
)
class UserViewSet(viewsets.GenericViewSet, mixins.ListModelMixin):
    """A minimal listing of people, for choosing an assignee."""

    serializer_class = StaffPersonSerializer
    pagination_class = PagePagination
    permission_classes = [IsAuthenticated, IsDeskOrTaskStaff]

    def get_queryset(self):
        from support import selectors as support_selectors
        from worktasks import selectors as task_selectors

        user = self.request.user
        params = self.request.query_params
        if params.get("for") == "tasks":
            return task_selectors.assignable_users()
        departments = support_selectors.departments_for(user=user)
        department = params.get("department")
        if department:
            if not department.isdigit():
                raise exceptions.ValidationError({"department": ["Enter a whole number."]})
            departments = departments.filter(pk=int(department))
        return support_selectors.support_staff(departments=departments)


# --- my orders (read-only) ----------------------------------------------------------------------


class OrderSerializer(serializers.Serializer):
    number = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    date_placed = serializers.DateTimeField(read_only=True)
    currency = serializers.CharField(read_only=True)
    total_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    total_excl_tax = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    shipping_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    line_count = serializers.IntegerField(read_only=True)


class OrderViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """My orders from the shop, newest first: a read-only summary."""

    serializer_class = OrderSerializer
    pagination_class = PagePagination
    lookup_field = "number"
    lookup_value_regex = r"[^/]+"

    def get_object(self):
        if "\x00" in self.kwargs.get(self.lookup_field, ""):
            raise exceptions.NotFound()  # PostgreSQL refuses NUL in a string; no order has one
        return super().get_object()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            from oscar.core.loading import get_model

            return get_model("order", "Order").objects.none()
        from support.selectors import orders_of

        return orders_of(user=self.request.user).annotate(line_count=Count("lines"))
