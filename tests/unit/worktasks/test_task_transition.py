import pytest
from django.core.exceptions import PermissionDenied

from portal import roles
from tests.factories import make_task, make_user
from worktasks.models import Status, TaskEvent
from worktasks.services import TRANSITIONS, TaskTransitionError, allowed_transitions, task_transition

# Written out by hand, independently of the service's table, so a change to either shows here.
ALLOWED = {
    (Status.TODO, Status.IN_PROGRESS),
    (Status.TODO, Status.BLOCKED),
    (Status.TODO, Status.DONE),
    (Status.TODO, Status.CANCELLED),
    (Status.IN_PROGRESS, Status.TODO),
    (Status.IN_PROGRESS, Status.BLOCKED),
    (Status.IN_PROGRESS, Status.DONE),
    (Status.IN_PROGRESS, Status.CANCELLED),
    (Status.BLOCKED, Status.TODO),
    (Status.BLOCKED, Status.IN_PROGRESS),
    (Status.BLOCKED, Status.CANCELLED),
    (Status.DONE, Status.TODO),
    (Status.CANCELLED, Status.TODO),
}
ALL_MOVES = [(a, b) for a in Status for b in Status if a != b]


@pytest.mark.django_db
class TaskTransitionTests:
    def test_the_table_is_the_one_written_here(self):
        assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == ALLOWED

    @pytest.mark.parametrize("current,target", sorted(ALLOWED))
    def test_allowed_move(self, agent, current, target):
        task = make_task(agent, status=current)
        task_transition(task=task, actor=agent, to_status=target, reason="Waiting on a part")
        task.refresh_from_db()
        assert task.status == target
        event = task.events.filter(kind=TaskEvent.Kind.STATUS).last()
        assert (event.old_value, event.new_value, event.actor) == (current.label, target.label, agent)

    @pytest.mark.parametrize("current,target", sorted(set(ALL_MOVES) - ALLOWED))
    def test_refused_move(self, agent, current, target):
        task = make_task(agent, status=current)
        events = task.events.count()
        with pytest.raises(TaskTransitionError) as error:
            task_transition(task=task, actor=agent, to_status=target, reason="Waiting on a part")
        assert error.value.code == "not_allowed"
        task.refresh_from_db()
        assert task.status == current
        assert task.events.count() == events

    @pytest.mark.parametrize("status", list(Status))
    def test_moving_to_the_same_status_is_refused(self, agent, status):
        task = make_task(agent, status=status)
        with pytest.raises(TaskTransitionError):
            task_transition(task=task, actor=agent, to_status=status, reason="x")

    def test_an_unknown_status_is_refused(self, agent):
        task = make_task(agent)
        with pytest.raises(TaskTransitionError):
            task_transition(task=task, actor=agent, to_status="archived")

    @pytest.mark.parametrize("reason", ["", "   "])
    def test_blocked_requires_a_reason(self, agent, reason):
        task = make_task(agent)
        with pytest.raises(TaskTransitionError) as error:
            task_transition(task=task, actor=agent, to_status=Status.BLOCKED, reason=reason)
        assert "reason" in error.value.message_dict
        task.refresh_from_db()
        assert task.status == Status.TODO

    def test_blocking_keeps_the_reason_and_unblocking_clears_it(self, agent):
        task = make_task(agent)
        task_transition(task=task, actor=agent, to_status=Status.BLOCKED, reason="Waiting for the courier")
        assert task.blocked_reason == "Waiting for the courier"
        task_transition(task=task, actor=agent, to_status=Status.IN_PROGRESS)
        task.refresh_from_db()
        assert task.blocked_reason == ""

    def test_completing_sets_completed_at_and_reopening_clears_it(self, agent):
        task = make_task(agent, status=Status.IN_PROGRESS)
        task_transition(task=task, actor=agent, to_status=Status.DONE)
        task.refresh_from_db()
        assert task.completed_at is not None
        task_transition(task=task, actor=agent, to_status=Status.TODO)
        task.refresh_from_db()
        assert task.completed_at is None

    def test_allowed_transitions_lists_the_table_in_status_order(self, agent):
        task = make_task(agent, status=Status.DONE)
        assert allowed_transitions(task=task) == [Status.TODO]

    @pytest.mark.parametrize("role", [roles.CUSTOMERS, roles.EDITORS, roles.SHOP_MANAGERS, roles.MODERATORS])
    def test_people_without_the_task_permission_cannot_move_tasks(self, agent, role):
        task = make_task(agent)
        with pytest.raises(PermissionDenied):
            task_transition(task=task, actor=make_user(role), to_status=Status.IN_PROGRESS)
        task.refresh_from_db()
        assert task.status == Status.TODO
