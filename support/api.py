"""The support desk's REST API: tickets, their replies, files and checklists; departments and categories.

The same selectors and services as the customer pages and the admin, so the API can never show or
do what the pages would not: customers see only their own tickets and only public replies, agents
their departments' tickets, and every write goes through ``support.services``.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import FileResponse, Http404
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from portal.api import CreateThrottleMixin, PagePagination, PersonSerializer

from . import permissions, selectors, services
from .filters import TicketFilter
from .models import Category, ChecklistItem, Department, Priority, Status, Ticket

User = get_user_model()


def _is_desk(user) -> bool:
    return permissions.can_use_support_admin(user)


# --- serializers --------------------------------------------------------------------------------


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name"]


class CategorySerializer(serializers.ModelSerializer):
    department = DepartmentSerializer(read_only=True)

    class Meta:
        model = Category
        fields = ["id", "name", "department"]


class TicketPartSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="original_name", read_only=True)
    content_type = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, attachment) -> str:
        return reverse(
            "api:ticket-attachment-download",
            kwargs={"reference": attachment.ticket.reference, "attachment_id": attachment.pk},
        )


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    author = PersonSerializer(read_only=True)
    body = serializers.CharField(read_only=True)
    is_internal = serializers.BooleanField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)


class ChecklistItemSerializer(serializers.ModelSerializer):
    done_by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ChecklistItem
        fields = ["id", "text", "is_done", "done_by", "done_at", "position"]
        read_only_fields = ["is_done", "done_by", "done_at", "position"]


class ChecklistItemUpdateSerializer(serializers.Serializer):
    is_done = serializers.BooleanField()


class TicketSerializer(serializers.Serializer):
    """A row of the ticket list."""

    reference = serializers.CharField(read_only=True)
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    priority = serializers.ChoiceField(choices=Priority.choices, read_only=True)
    category = TicketPartSerializer(read_only=True)
    department = TicketPartSerializer(read_only=True)
    requester = PersonSerializer(read_only=True)
    assignee = PersonSerializer(read_only=True, allow_null=True)
    sla_state = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def get_sla_state(self, ticket) -> str:
        return ticket.sla_state()


class TicketDetailSerializer(TicketSerializer):
    """One ticket with the conversation its reader may see."""

    description = serializers.CharField(read_only=True)
    resolution_summary = serializers.CharField(read_only=True)
    first_responded_at = serializers.DateTimeField(read_only=True, allow_null=True)
    resolved_at = serializers.DateTimeField(read_only=True, allow_null=True)
    closed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    order = serializers.SerializerMethodField()
    merged_into = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    messages = serializers.SerializerMethodField()

    def get_order(self, ticket) -> str | None:
        return ticket.order.number if ticket.order_id else None

    def get_merged_into(self, ticket) -> str | None:
        return ticket.merged_into.reference if ticket.merged_into_id else None

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Status.choices)))
    def get_allowed_transitions(self, ticket):
        return [str(target) for target in services.allowed_transitions(ticket=ticket, actor=self.context["request"].user)]

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, ticket):
        # The files of the ticket itself; a message's files are listed with the message.
        return AttachmentSerializer(selectors.public_ticket_attachments(ticket=ticket).select_related("ticket"), many=True).data

    @extend_schema_field(MessageSerializer(many=True))
    def get_messages(self, ticket):
        return MessageSerializer(visible_messages(self.context["request"].user, ticket), many=True).data


def visible_messages(user, ticket):
    """Internal notes only for the desk: a customer's response never holds one."""
    if permissions.can_work_ticket(user, ticket):
        messages = selectors.all_messages(ticket=ticket)
    else:
        messages = selectors.public_messages(ticket=ticket)
    return messages.prefetch_related("attachments__ticket")


class TicketCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.filter(is_active=True))
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.MEDIUM)
    order = serializers.CharField(required=False, allow_blank=True, help_text="The number of one of your orders.")
    files = serializers.ListField(child=serializers.FileField(), required=False, max_length=20)


class TicketUpdateSerializer(serializers.Serializer):
    priority = serializers.ChoiceField(choices=Priority.choices)
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.filter(is_active=True))
    assignee = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), allow_null=True)


class ReplySerializer(serializers.Serializer):
    body = serializers.CharField()
    is_internal = serializers.BooleanField(default=False, help_text="An internal note, for the support team only.")
    files = serializers.ListField(child=serializers.FileField(), required=False, max_length=20)


class TicketTransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    resolution_summary = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class TicketAssignSerializer(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), allow_null=True)


class UploadSerializer(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), max_length=20)


class ApiTicketFilter(TicketFilter):
    """The admin table's filters; only a type hint added, for the schema."""

    def filter_sla(self, queryset, name, value: str):
        return super().filter_sla(queryset, name, value)


# --- views --------------------------------------------------------------------------------------


class DepartmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DepartmentSerializer
    queryset = Department.objects.order_by("name")
    pagination_class = None


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """The categories a ticket can be opened in."""

    serializer_class = CategorySerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.open_categories()


class TicketViewSet(CreateThrottleMixin, viewsets.GenericViewSet):
    """Tickets: a customer's own, or for the desk the tickets of their departments (all for leads)."""

    lookup_field = "reference"
    lookup_value_regex = r"[^/]+"
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ApiTicketFilter
    ordering_fields = ["id", "title", "created_at", "updated_at", "priority", "status", "next_sla_due"]
    ordering = ["-updated_at", "-id"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    serializer_class = TicketSerializer
    pagination_class = PagePagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return Ticket.objects.none()
        user = self.request.user
        if _is_desk(user):
            tickets = selectors.tickets_for_staff(user=user)
        else:
            tickets = selectors.tickets_of_requester(user=user).select_related("requester", "assignee")
        return selectors.with_next_sla_due(tickets)

    def get_object(self):
        user, reference = self.request.user, self.kwargs["reference"]
        if _is_desk(user):
            return selectors.ticket_for_staff(user=user, reference=reference)
        return selectors.ticket_of_requester(user=user, reference=reference)

    def _detail(self, ticket, status_code=status.HTTP_200_OK):
        return Response(TicketDetailSerializer(ticket, context=self.get_serializer_context()).data, status=status_code)

    def _require_desk(self, ticket):
        if not permissions.can_work_ticket(self.request.user, ticket):
            raise exceptions.PermissionDenied("Only the support team can do this.")

    # --- the collection ---

    @extend_schema(responses=TicketSerializer(many=True))
    def list(self, request):
        tickets = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(tickets)
        return self.get_paginated_response(TicketSerializer(page, many=True).data)

    @extend_schema(request=TicketCreateSerializer, responses={201: TicketDetailSerializer})
    def create(self, request):
        data = self._valid(TicketCreateSerializer)
        order = None
        if data.get("order"):
            order = selectors.orders_of(user=request.user).filter(number=data["order"]).first()
            if order is None:
                raise exceptions.ValidationError({"order": ["That order is not one of yours."]})
        ticket = services.ticket_create(
            requester=request.user,
            title=data["title"],
            description=data["description"],
            category=data["category"],
            priority=data["priority"],
            order=order,
            uploads=data.get("files", ()),
        )
        return self._detail(self._reread(ticket), status.HTTP_201_CREATED)

    def _reread(self, ticket):
        """The ticket as the caller now sees it, after a change."""
        self.kwargs["reference"] = ticket.reference
        try:
            return self.get_object()
        except Http404:
            # An agent who opened a ticket in a department they do not work, or who just moved one
            # to another department, still gets the outcome back once (without internal notes).
            return Ticket.objects.select_related("category", "department", "requester", "assignee").get(pk=ticket.pk)

    # --- one ticket ---

    @extend_schema(responses=TicketDetailSerializer)
    def retrieve(self, request, reference=None):
        return self._detail(self.get_object())

    @extend_schema(request=TicketUpdateSerializer, responses=TicketDetailSerializer)
    def update(self, request, reference=None, partial=False):
        ticket = self.get_object()
        # The services check this too; checking first answers a customer 403 whatever they send.
        self._require_desk(ticket)
        data = self._valid(TicketUpdateSerializer, partial=partial)
        actor = request.user
        with transaction.atomic():
            if "category" in data:
                services.ticket_set_category(ticket=ticket, actor=actor, category=data["category"])
            if "priority" in data:
                services.ticket_set_priority(ticket=ticket, actor=actor, priority=data["priority"])
            if "assignee" in data:
                services.ticket_assign(ticket=ticket, actor=actor, assignee=data["assignee"])
        return self._detail(self._reread(ticket))

    @extend_schema(request=TicketUpdateSerializer, responses=TicketDetailSerializer)
    def partial_update(self, request, reference=None):
        return self.update(request, reference, partial=True)

    @extend_schema(responses={204: None})
    def destroy(self, request, reference=None):
        services.ticket_delete(ticket=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # --- actions ---

    @extend_schema(request=ReplySerializer, responses={201: MessageSerializer})
    @action(detail=True, methods=["post"])
    def reply(self, request, reference=None):
        ticket = self.get_object()
        data = self._valid(ReplySerializer)
        message = services.ticket_reply(
            ticket=ticket,
            author=request.user,
            body=data["body"],
            is_internal=data["is_internal"],
            uploads=data.get("files", ()),
        )
        message = visible_messages(request.user, ticket).get(pk=message.pk)
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=MessageSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def replies(self, request, reference=None):
        ticket = self.get_object()
        return Response(MessageSerializer(visible_messages(request.user, ticket), many=True).data)

    @extend_schema(
        request=TicketTransitionSerializer,
        responses={200: TicketDetailSerializer, 409: OpenApiResponse(description="Not allowed from the current status.")},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, reference=None):
        ticket = self.get_object()
        data = self._valid(TicketTransitionSerializer)
        services.ticket_transition(
            ticket=ticket,
            actor=request.user,
            to_status=data["status"],
            resolution_summary=data.get("resolution_summary", ""),
            note=data.get("note", ""),
        )
        return self._detail(self.get_object())

    @extend_schema(request=TicketAssignSerializer, responses=TicketDetailSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, reference=None):
        ticket = self.get_object()
        self._require_desk(ticket)
        data = self._valid(TicketAssignSerializer)
        services.ticket_assign(ticket=ticket, actor=request.user, assignee=data["assignee"])
        return self._detail(self.get_object())

    # --- files ---

    @extend_schema(methods=["GET"], responses=AttachmentSerializer(many=True))
    @extend_schema(methods=["POST"], request=UploadSerializer, responses={201: AttachmentSerializer(many=True)})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def attachments(self, request, reference=None):
        ticket = self.get_object()
        if request.method == "POST":
            data = self._valid(UploadSerializer)
            created = services.ticket_attach(ticket=ticket, actor=request.user, uploads=data["files"])
            for attachment in created:
                attachment.ticket = ticket
            return Response(AttachmentSerializer(created, many=True).data, status=status.HTTP_201_CREATED)
        files = selectors.attachments_visible_to(user=request.user, ticket=ticket).select_related("ticket")
        return Response(AttachmentSerializer(files, many=True).data)

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiResponse(response=OpenApiTypes.BINARY)},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"attachments/(?P<attachment_id>[0-9]+)",
        url_name="attachment-download",
        pagination_class=None,
        filter_backends=[],
    )
    def attachment_download(self, request, reference=None, attachment_id=None):
        """The file itself, with the same check as the pages: the requester never gets an internal note's file."""
        attachment = selectors.attachment_for(
            user=request.user, ticket_reference=reference, attachment_id=int(attachment_id)
        )
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise exceptions.NotFound("No such file") from None
        response = FileResponse(
            handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response

    # --- checklist (the desk only) ---

    @extend_schema(methods=["GET"], responses=ChecklistItemSerializer(many=True))
    @extend_schema(methods=["POST"], request=ChecklistItemSerializer, responses={201: ChecklistItemSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def checklist(self, request, reference=None):
        ticket = self.get_object()
        self._require_desk(ticket)
        if request.method == "POST":
            data = self._valid(ChecklistItemSerializer)
            item = services.checklist_item_add(ticket=ticket, actor=request.user, text=data["text"])
            return Response(ChecklistItemSerializer(item).data, status=status.HTTP_201_CREATED)
        return Response(ChecklistItemSerializer(ticket.checklist.select_related("done_by"), many=True).data)

    @extend_schema(methods=["PATCH"], request=ChecklistItemUpdateSerializer, responses=ChecklistItemSerializer)
    @extend_schema(methods=["DELETE"], responses={204: None})
    @action(
        detail=True,
        methods=["patch", "delete"],
        url_path=r"checklist/(?P<item_id>[0-9]+)",
        url_name="checklist-item",
        pagination_class=None,
        filter_backends=[],
    )
    def checklist_item(self, request, reference=None, item_id=None):
        ticket = self.get_object()
        self._require_desk(ticket)
        item = ticket.checklist.filter(pk=int(item_id)).first()
        if item is None:
            raise exceptions.NotFound("No such checklist item")
        item.ticket = ticket
        if request.method == "DELETE":
            services.checklist_item_delete(item=item, actor=request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        data = self._valid(ChecklistItemUpdateSerializer)
        item = services.checklist_item_set_done(item=item, actor=request.user, is_done=data["is_done"])
        return Response(ChecklistItemSerializer(item).data)

    # ---

    def _valid(self, serializer_class, **kwargs):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

