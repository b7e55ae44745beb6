"""Work tasks over the REST API: the team only, with the table's filters and the same services."""

from django.contrib.auth import get_user_model
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from portal.api import CreateThrottleMixin, PagePagination, PersonSerializer
from support.models import Department, Ticket, parse_reference

from . import permissions, selectors, services
from .filters import TaskFilter
from .models import Priority, Recurrence, Status, Task

User = get_user_model()


class CanUseTasks(BasePermission):
    message = "Only the team can use tasks."

    def has_permission(self, request, view):
        return permissions.can_use_tasks(request.user)


class TaskFilterBackend(DjangoFilterBackend):
    """The table's TaskFilter, which needs the user for "assigned to me"."""

    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), "user": request.user}


# --- serializers --------------------------------------------------------------------------------


class TeamSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    priority = serializers.ChoiceField(choices=Priority.choices, read_only=True)
    start_date = serializers.DateField(read_only=True, allow_null=True)
    due_date = serializers.DateField(read_only=True, allow_null=True)
    assignee = PersonSerializer(read_only=True, allow_null=True)
    team = TeamSerializer(read_only=True, allow_null=True)
    ticket = serializers.SerializerMethodField()
    checklist_done = serializers.IntegerField(read_only=True)
    checklist_total = serializers.IntegerField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def get_ticket(self, task) -> str | None:
        return task.ticket.reference if task.ticket_id else None


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    author = PersonSerializer(read_only=True)
    body = serializers.CharField()
    created_at = serializers.DateTimeField(read_only=True)


class TaskChecklistItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True)
    is_done = serializers.BooleanField(read_only=True)


class TaskDetailSerializer(TaskSerializer):
    description = serializers.CharField(read_only=True)
    blocked_reason = serializers.CharField(read_only=True)
    completed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    recurrence = serializers.ChoiceField(choices=Recurrence.choices, read_only=True)
    creator = PersonSerializer(read_only=True, allow_null=True)
    labels = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    checklist = serializers.SerializerMethodField()
    comments = serializers.SerializerMethodField()

    def get_labels(self, task) -> list[str]:
        return [label.name for label in task.labels.all()]

    def get_allowed_transitions(self, task) -> list[str]:
        return [str(target) for target in services.allowed_transitions(task=task)]

    @extend_schema_field(TaskChecklistItemSerializer(many=True))
    def get_checklist(self, task):
        return TaskChecklistItemSerializer(selectors.task_checklist(task=task), many=True).data

    @extend_schema_field(CommentSerializer(many=True))
    def get_comments(self, task):
        return CommentSerializer(selectors.task_comments(task=task), many=True).data


class TicketReferenceField(serializers.CharField):
    """A ticket given by its reference (T-000123); the service checks the caller works it."""

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        if not text:
            return None
        pk = parse_reference(text)
        ticket = Ticket.objects.filter(pk=pk).first() if pk is not None else None
        if ticket is None:
            raise serializers.ValidationError("No such ticket.")
        return ticket


class TaskWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)
    start_date = serializers.DateField(required=False, allow_null=True)
    due_date = serializers.DateField(required=False, allow_null=True)
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    team = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)
    labels = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, max_length=services.MAX_LABELS
    )
    ticket = TicketReferenceField(required=False, allow_null=True, allow_blank=True, help_text="e.g. T-000123")
    recurrence = serializers.ChoiceField(choices=Recurrence.choices, required=False)


class TaskTransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    reason = serializers.CharField(required=False, allow_blank=True, help_text="Required when blocking.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class TaskAssignSerializer(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), allow_null=True)


# --- the viewset --------------------------------------------------------------------------------


class TaskViewSet(CreateThrottleMixin, viewsets.GenericViewSet):
    """The team's tasks. Customers get 403; deleting needs the delete permission (support leads)."""

    permission_classes = [IsAuthenticated, CanUseTasks]
    filter_backends = [TaskFilterBackend, OrderingFilter]
    filterset_class = TaskFilter
    ordering_fields = ["id", "title", "status", "priority", "due_date", "created_at", "updated_at"]
    ordering = ["-updated_at", "-id"]
    serializer_class = TaskSerializer
    pagination_class = PagePagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return Task.objects.none()
        return selectors.tasks_for_staff(user=self.request.user)

    def get_object(self):
        pk = self.kwargs["pk"]
        if not str(pk).isdigit():
            raise exceptions.NotFound("No such task")
        return selectors.task_for_staff(user=self.request.user, pk=int(pk))

    def _detail(self, task, status_code=status.HTTP_200_OK):
        return Response(TaskDetailSerializer(selectors.task_for_staff(user=self.request.user, pk=task.pk)).data, status=status_code)

    def _valid(self, serializer_class, **kwargs):
        serializer = serializer_class(data=self.request.data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(responses=TaskSerializer(many=True))
    def list(self, request):
        tasks = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(tasks)
        return self.get_paginated_response(TaskSerializer(page, many=True).data)

    @extend_schema(request=TaskWriteSerializer, responses={201: TaskDetailSerializer})
    def create(self, request):
        data = self._valid(TaskWriteSerializer)
        task = services.task_create(actor=request.user, **data)
        return self._detail(task, status.HTTP_201_CREATED)

    @extend_schema(responses=TaskDetailSerializer)
    def retrieve(self, request, pk=None):
        return self._detail(self.get_object())

    @extend_schema(request=TaskWriteSerializer, responses=TaskDetailSerializer)
    def update(self, request, pk=None, partial=False):
        task = self.get_object()
        data = dict(self._valid(TaskWriteSerializer, partial=partial))
        labels = data.pop("labels", None)
        extra = {"labels": labels} if labels is not None else {}
        services.task_update(task=task, actor=request.user, **data, **extra)
        return self._detail(task)

    @extend_schema(request=TaskWriteSerializer, responses=TaskDetailSerializer)
    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        services.task_delete(task=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=TaskTransitionSerializer,
        responses={200: TaskDetailSerializer, 409: OpenApiResponse(description="Not allowed from the current status.")},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        task = self.get_object()
        data = self._valid(TaskTransitionSerializer)
        services.task_transition(
            task=task, actor=request.user, to_status=data["status"], reason=data.get("reason", ""), note=data.get("note", "")
        )
        return self._detail(task)

    @extend_schema(request=TaskAssignSerializer, responses=TaskDetailSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        task = self.get_object()
        data = self._valid(TaskAssignSerializer)
        services.task_assign(task=task, actor=request.user, assignee=data["assignee"])
        return self._detail(task)

    @extend_schema(methods=["GET"], responses=CommentSerializer(many=True))
    @extend_schema(methods=["POST"], request=CommentSerializer, responses={201: CommentSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def comments(self, request, pk=None):
        task = self.get_object()
        if request.method == "POST":
            data = self._valid(CommentSerializer)
            comment = services.task_comment(task=task, author=request.user, body=data["body"])
            return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
        return Response(CommentSerializer(selectors.task_comments(task=task), many=True).data)
