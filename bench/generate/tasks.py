"""Work tasks: some linked to tickets, most done, with history, comments, checklists, labels and watchers."""

import random
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import timedelta

from worktasks.models import Label, Recurrence, Status, Task, TaskChecklistItem, TaskComment, TaskEvent

from . import vocabulary
from .bulk import MINUTES_PER_DAY, Weighted, chunked, insert, past_moment, rng_for
from .scales import BASE_TIME
from .tickets import PRIORITY_MIX

DAY = MINUTES_PER_DAY
STATUS_MIX = Weighted(
    [Status.DONE, Status.CANCELLED, Status.TODO, Status.IN_PROGRESS, Status.BLOCKED], [72, 6, 10, 8, 4]
)
LABEL = {status.value: status.label for status in Status}
CREATOR, ASSIGNEE = "creator", "assignee"
NOUNS = vocabulary.product_nouns()


@dataclass(slots=True)
class TaskPlan:
    title: str
    description: str
    status: str
    priority: int
    team: int | None  # department index
    assignee: tuple | None  # (department index, agent index)
    creator: tuple | None  # (department index, agent index); None: the lead
    ticket: int | None  # ticket index
    created: object
    updated: object = None
    start_date: object = None
    due_date: object = None
    completed: object = None
    blocked_reason: str = ""
    recurrence: str = Recurrence.NONE
    labels: list = field(default_factory=list)
    events: list = field(default_factory=list)  # (moment, actor role, kind, old, new, note)
    comments: list = field(default_factory=list)  # (moment, author role, body)
    checklist: list = field(default_factory=list)  # (text, done, done at)


def _age(rng, status):
    if status == Status.TODO:
        return 30 + rng.expovariate(1 / (12 * DAY))
    if status == Status.IN_PROGRESS:
        return 60 + rng.expovariate(1 / (6 * DAY))
    if status == Status.BLOCKED:
        return DAY + rng.expovariate(1 / (15 * DAY))
    return None


def plan_tasks(scale, seed, ticket_seeds, agent_names):
    """Task plans, oldest first; linked tickets are ones opened shortly before the task."""
    rng = rng_for(seed, "tasks")
    ticket_moments = [row.created for row in ticket_seeds]
    rows = []
    for _ in range(scale.tasks):
        status = STATUS_MIX.pick(rng)
        age = _age(rng, status)
        created = past_moment(rng, DAY) if age is None else BASE_TIME - timedelta(seconds=int(age * 60))
        rows.append((created, status, rng.getrandbits(63)))
    rows.sort()
    recent_tickets = max(1, len(ticket_seeds) // 240)  # about the last three days' worth
    for created, status, subseed in rows:
        task_rng = random.Random(subseed)
        ticket = None
        if task_rng.random() < 0.3:
            position = bisect_left(ticket_moments, created)
            if position:
                ticket = max(0, position - 1 - int(task_rng.expovariate(1 / recent_tickets)))
        team = ticket_seeds[ticket].department if ticket is not None else (
            None if task_rng.random() < 0.15 else task_rng.randrange(len(agent_names)))
        yield _plan(task_rng, created, status, team, ticket, agent_names)


def _plan(rng, created, status, team, ticket, agent_names) -> TaskPlan:
    title = rng.choice(vocabulary.TASK_TITLES).format(
        noun=rng.choice(NOUNS).lower(), topic=rng.choice(vocabulary.TASK_TOPICS)
    )
    age = (BASE_TIME - created).total_seconds() / 60
    pool = range(len(agent_names)) if team is None else [team]
    department = rng.choice(list(pool))
    assignee = None
    if not (status == Status.TODO and rng.random() < 0.3):
        assignee = (department, rng.randrange(len(agent_names[department])))
    creator = None if rng.random() < 0.4 else (department, rng.randrange(len(agent_names[department])))
    plan = TaskPlan(
        title=title[0].upper() + title[1:],
        description=(
            f"{title[0].upper() + title[1:]}. {rng.choice(vocabulary.TASK_COMMENTS)}" if rng.random() < 0.7 else ""
        ),
        status=status, priority=PRIORITY_MIX.pick(rng), team=team, assignee=assignee, creator=creator, ticket=ticket,
        created=created,
    )
    if rng.random() < 0.4:
        plan.start_date = created.date()
    if rng.random() < 0.8:
        plan.due_date = created.date() + timedelta(days=rng.randint(1, 21))
    if status in (Status.TODO, Status.IN_PROGRESS) and rng.random() < 0.04:
        plan.recurrence = rng.choice([Recurrence.DAILY, Recurrence.WEEKLY, Recurrence.MONTHLY])
    plan.labels = rng.sample(range(len(vocabulary.LABELS)), rng.choice([0, 0, 1, 1, 1, 2]))

    steps = [(0, CREATOR, TaskEvent.Kind.CREATED, "", LABEL[Status.TODO], "")]
    end = min(age * 0.95, rng.expovariate(1 / (3 * DAY)) + 30)
    started = end * rng.uniform(0.05, 0.5)
    worker = ASSIGNEE if assignee else CREATOR
    if status in (Status.IN_PROGRESS, Status.BLOCKED, Status.DONE):
        steps.append((started, worker, TaskEvent.Kind.STATUS, LABEL[Status.TODO], LABEL[Status.IN_PROGRESS], ""))
    if status == Status.BLOCKED:
        plan.blocked_reason = rng.choice(vocabulary.BLOCKED_REASONS)
        steps.append(
            (end, worker, TaskEvent.Kind.STATUS, LABEL[Status.IN_PROGRESS], LABEL[Status.BLOCKED], plan.blocked_reason)
        )
    elif status == Status.DONE:
        steps.append((end, worker, TaskEvent.Kind.STATUS, LABEL[Status.IN_PROGRESS], LABEL[Status.DONE], ""))
        plan.completed = end
    elif status == Status.CANCELLED:
        steps.append((end, CREATOR, TaskEvent.Kind.STATUS, LABEL[Status.TODO], LABEL[Status.CANCELLED], ""))
    comments = [(rng.uniform(0, end), CREATOR if rng.random() < 0.5 else worker, rng.choice(vocabulary.TASK_COMMENTS))
                for _ in range(rng.choice([0, 0, 0, 1, 1, 2]))]
    if rng.random() < 0.25:
        texts = rng.sample(vocabulary.TASK_CHECKLIST, rng.randint(2, 4))
        for position, text in enumerate(texts):
            done = status == Status.DONE or (status != Status.TODO and position < len(texts) // 2)
            plan.checklist.append((text, done, end * (position + 1) / len(texts) if done else None))
        steps.extend(
            (0.5 + position / 10, CREATOR, TaskEvent.Kind.CHECKLIST, "", text, "Added")
            for position, text in enumerate(texts)
        )

    def moment(minutes):
        return None if minutes is None else created + timedelta(seconds=int(minutes * 60))

    plan.events = [(moment(at), *rest) for at, *rest in sorted(steps, key=lambda step: step[0])]
    plan.comments = [(moment(at), *rest) for at, *rest in sorted(comments, key=lambda comment: comment[0])]
    plan.checklist = [(text, done, moment(at)) for text, done, at in plan.checklist]
    plan.completed = moment(plan.completed)
    plan.updated = max([created] + [event[0] for event in plan.events] + [comment[0] for comment in plan.comments])
    return plan


def task_titles(scale, seed, ticket_seeds, agent_names) -> list[str]:
    return [plan.title for plan in plan_tasks(scale, seed, ticket_seeds, agent_names)]


def load_tasks(world) -> None:
    labels = dict(Label.objects.filter(name__in=vocabulary.LABELS).values_list("name", "pk"))
    label_pks = [labels[name] for name in vocabulary.LABELS]
    lead_pk = world.lead[0]
    LabelLink, Watcher = Task.labels.through, Task.watchers.through
    plans = plan_tasks(world.scale, world.seed, world.ticket_seeds, world.agent_names)
    for chunk in chunked(plans):
        tasks, people = [], []
        for plan in chunk:
            assignee = world.agents[plan.assignee[0]][plan.assignee[1]][0] if plan.assignee else None
            creator = world.agents[plan.creator[0]][plan.creator[1]][0] if plan.creator else lead_pk
            people.append((creator, assignee))
            tasks.append((
                plan.title, plan.description, str(plan.status), int(plan.priority), plan.start_date, plan.due_date,
                assignee, creator, world.departments[plan.team].pk if plan.team is not None else None,
                world.tickets[plan.ticket] if plan.ticket is not None else None, plan.blocked_reason, plan.completed,
                str(plan.recurrence), plan.created, plan.updated,
            ))
        task_pks = insert(Task, TASK_FIELDS, tasks, returning=True)
        events, comments, items, label_links, watchers = [], [], [], [], []
        for plan, pk, (creator, assignee) in zip(chunk, task_pks, people):
            who = {CREATOR: creator, ASSIGNEE: assignee or creator}
            events.extend(
                (pk, who[actor], str(kind), old, new, note, at) for at, actor, kind, old, new, note in plan.events
            )
            comments.extend((pk, who[author], body, at) for at, author, body in plan.comments)
            items.extend(
                (pk, text, done, who[ASSIGNEE] if done else None, at, position)
                for position, (text, done, at) in enumerate(plan.checklist)
            )
            label_links.extend((pk, label_pks[label]) for label in plan.labels)
            # task_create makes the creator and the assignee watchers.
            watchers.extend((pk, user_pk) for user_pk in dict.fromkeys((creator, assignee)) if user_pk)
        insert(TaskEvent, ["task_id", "actor_id", "kind", "old_value", "new_value", "note", "created_at"], events)
        insert(TaskComment, ["task_id", "author_id", "body", "created_at"], comments)
        insert(TaskChecklistItem, ["task_id", "text", "is_done", "done_by_id", "done_at", "position"], items)
        insert(LabelLink, ["task_id", "label_id"], label_links)
        insert(Watcher, ["task_id", "user_id"], watchers)


TASK_FIELDS = ["title", "description", "status", "priority", "start_date", "due_date", "assignee_id", "creator_id",
               "team_id", "ticket_id", "blocked_reason", "completed_at", "recurrence", "created_at", "updated_at"]
