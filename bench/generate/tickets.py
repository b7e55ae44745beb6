"""Tickets with their conversation and history, shaped like what support.services would have written.

Each ticket plays a short story (assigned, answered, maybe waiting on the customer, resolved,
rated, closed automatically a week later) and ends in the status its age gives it. The SLA
moments are computed the way ``support.services._apply_sla`` computes them.
"""

import random
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import timedelta

from support.models import Priority, SLAPolicy, SLAState, Status, Ticket, TicketEvent, TicketMessage

from . import vocabulary
from .bulk import MINUTES_PER_DAY, Weighted, chunked, insert, past_moment, rng_for, spread_indexes
from .orders import order_number
from .scales import BASE_TIME

DAY = MINUTES_PER_DAY
STATUS_MIX = Weighted([Status.CLOSED, Status.RESOLVED, Status.OPEN, Status.IN_PROGRESS, Status.WAITING],
                      [87, 4, 3.5, 3, 2.5])
PRIORITY_MIX = Weighted([Priority.URGENT, Priority.HIGH, Priority.MEDIUM, Priority.LOW], [5, 20, 55, 20])
DEPARTMENT_MIX = Weighted(range(len(vocabulary.DEPARTMENTS)), [d[1] for d in vocabulary.DEPARTMENTS])
# Departments whose tickets are often about an order, and how often.
ORDER_SHARE = {0: 0.7, 1: 0.7, 2: 0.45, 3: 0.35, 4: 0.05, 5: 0.1}
# Minutes: (first response, resolution) per priority, as support's migration 0002 sets them.
DEFAULT_SLA = {
    1: (60, 8 * 60, 75), 2: (4 * 60, 24 * 60, 75), 3: (8 * 60, 3 * 24 * 60, 75), 4: (24 * 60, 7 * 24 * 60, 75)
}
ACTIVE = (Status.OPEN, Status.IN_PROGRESS, Status.WAITING)
SIGN_OFFS = ["Thanks.", "Thank you for your help.", "Please let me know what to do.", "Kind regards."]

# Who wrote a message or made a change.
REQUESTER, ASSIGNEE, LEAD, SYSTEM = "requester", "assignee", "lead", None
LABEL = {status.value: status.label for status in Status}


@dataclass(slots=True)
class TicketSeed:
    created: object
    status: str
    department: int
    customer: int
    subseed: int


@dataclass(slots=True)
class TicketPlan:
    title: str
    description: str
    customer: int
    department: int
    category: int
    priority: int
    status: str
    assignee: int | None  # index among the department's agents
    order: int | None  # order index
    created: object
    updated: object = None
    first_responded: object = None
    resolved: object = None
    closed: object = None
    resolution_summary: str = ""
    rating: int | None = None
    rating_comment: str = ""
    rated: object = None
    sla: tuple = (None, None, None, None)  # first response due, at risk; resolution due, at risk
    sla_paused_at: object = None
    sla_paused_seconds: int = 0
    sla_notified_state: str = ""
    messages: list = field(default_factory=list)  # (moment, author role, body, is_internal)
    events: list = field(default_factory=list)  # (moment, actor role, kind, old, new, note)


@dataclass
class TicketContext:
    agent_names: list
    rare_words: list
    orders_by_customer: dict  # customer index -> ([placed], [order index]) oldest first
    sla: dict = field(default_factory=lambda: dict(DEFAULT_SLA))
    nouns: list = field(default_factory=vocabulary.product_nouns)


def _age(rng, status) -> float:
    """Minutes since the ticket was opened, by where it ended up: open ones are young, closed ones any age."""
    if status == Status.OPEN:
        return min(5 + rng.expovariate(1 / (2 * DAY)), 45 * DAY)
    if status == Status.IN_PROGRESS:
        return min(0.1 * DAY + rng.expovariate(1 / (5 * DAY)), 60 * DAY)
    if status == Status.WAITING:
        return min(0.2 * DAY + rng.expovariate(1 / (6 * DAY)), 60 * DAY)
    if status == Status.RESOLVED:
        return rng.uniform(0, 7 * DAY) + 60 + rng.expovariate(1 / (2 * DAY))
    return None  # closed: anywhere in the history


def ticket_seeds(scale, seed) -> list[TicketSeed]:
    """When, where and for whom each ticket is, oldest first (so primary keys follow creation)."""
    rng = rng_for(seed, "ticket-seeds")
    others = scale.customers - 1
    seeds = []
    for _ in range(scale.tickets):
        status = STATUS_MIX.pick(rng)
        age = _age(rng, status)
        created = past_moment(rng, 9 * DAY) if age is None else BASE_TIME - timedelta(seconds=int(age * 60))
        customer = 1 + int(others * rng.random() ** 1.3)
        seeds.append(TicketSeed(created, status, DEPARTMENT_MIX.pick(rng), customer, rng.getrandbits(63)))
    seeds.sort(key=lambda row: (row.created, row.subseed))
    # The well-known customer: tickets over the whole history, and the two newest active ones.
    active = [index for index, row in enumerate(seeds) if row.status in ACTIVE][-2:]
    spread = spread_indexes(len(seeds), max(0, scale.bench_customer_items - len(active)))
    for index in set(spread) | set(active):
        seeds[index].customer = 0
    return seeds


def ticket_context(scale, seed, order_seeds, agent_names) -> TicketContext:
    rare_count = max(1, round(scale.tickets * 0.005 / 5))  # each rare word in about five tickets
    orders = {}
    for index, row in enumerate(order_seeds):
        placed, indexes = orders.setdefault(row.customer, ([], []))
        placed.append(row.created)
        indexes.append(index)
    return TicketContext(agent_names, vocabulary.rare_words(rare_count, rng_for(seed, "rare-words")), orders)


def plan_tickets(seeds, context):
    for row in seeds:
        yield plan_ticket(row, context)


def plan_ticket(row: TicketSeed, ctx: TicketContext) -> TicketPlan:
    rng = random.Random(row.subseed)
    name, _weight, auto_assign, categories = vocabulary.DEPARTMENTS[row.department]
    order = None
    if rng.random() < ORDER_SHARE[row.department]:
        placed, indexes = ctx.orders_by_customer.get(row.customer, ((), ()))
        position = bisect_left(placed, row.created)
        order = indexes[position - 1] if position else None
    title, description = _text(rng, name, order, ctx)
    plan = TicketPlan(
        title=title, description=description, customer=row.customer, department=row.department,
        category=rng.randrange(len(categories)), priority=PRIORITY_MIX.pick(rng), status=row.status,
        assignee=rng.randrange(len(ctx.agent_names[row.department])), order=order, created=row.created,
    )
    _play(rng, plan, auto_assign, name, ctx)
    return plan


def _text(rng, department, order, ctx):
    titles, order_titles, details, _replies, _resolutions = vocabulary.SUPPORT_TEXT[department]
    noun = ctx.nouns[int(len(ctx.nouns) * rng.random() ** 2)].lower()
    number = order_number(order) if order is not None else ""
    pattern = rng.choice(order_titles) if order is not None and rng.random() < 0.5 else rng.choice(titles)
    title = pattern.format(noun=noun, order=number)
    sentences = [rng.choice(details).format(noun=noun)]
    if rng.random() < 0.005:
        sentences.append(f"It is the {rng.choice(ctx.rare_words)} {noun}.")
    if number:
        sentences.append(f"My order number is {number}.")
    if rng.random() < 0.15:
        sentences.append(f"I live in {rng.choice(vocabulary.TOWNS)[0]}.")
    sentences.append(rng.choice(SIGN_OFFS))
    return title[0].upper() + title[1:], " ".join(sentences)


def _play(rng, plan: TicketPlan, auto_assign: bool, department: str, ctx: TicketContext) -> None:
    """Write the ticket's story into its messages and events, and set the stored moments it leaves behind."""
    _titles, _order_titles, _details, replies, resolutions = vocabulary.SUPPORT_TEXT[department]
    first_target, resolution_target, at_risk_percent = ctx.sla[plan.priority]
    age = (BASE_TIME - plan.created).total_seconds() / 60
    status = plan.status
    agent_name = ctx.agent_names[plan.department][plan.assignee]
    steps = [(0, REQUESTER, TicketEvent.Kind.CREATED, "", LABEL[Status.OPEN], "")]
    messages = []
    paused = 0.0
    answered = status != Status.OPEN or (age > 240 and rng.random() < 0.35)
    assigned = answered or auto_assign or rng.random() < 0.5
    if not assigned:
        plan.assignee = None
    elif auto_assign:
        steps.append((0.2, SYSTEM, TicketEvent.Kind.ASSIGNEE, "Unassigned", agent_name, "Assigned automatically"))
    else:
        steps.append((rng.uniform(1, 60), LEAD, TicketEvent.Kind.ASSIGNEE, "Unassigned", agent_name, ""))
    direct_close = status == Status.CLOSED and rng.random() < 0.08

    if direct_close:  # a duplicate, spam, a question answered elsewhere: closed without a resolution
        at = min(rng.uniform(10, 2 * DAY), age / 2)
        if rng.random() < 0.5:
            messages.append((at - 1, ASSIGNEE, rng.choice(replies), False))
            plan.first_responded = at - 1
        note = rng.choice(vocabulary.CLOSE_NOTES)
        steps.append((at, ASSIGNEE, TicketEvent.Kind.STATUS, LABEL[Status.OPEN], LABEL[Status.CLOSED], note))
        plan.closed, plan.sla_notified_state = at, ""
        _finish(plan, steps, messages, 0.0, first_target, resolution_target, at_risk_percent)
        return
    if not answered:
        if age > 120 and rng.random() < 0.3:
            messages.append((age * rng.uniform(0.3, 0.9), REQUESTER, rng.choice(vocabulary.CUSTOMER_FOLLOW_UPS), False))
        _finish(plan, steps, messages, 0.0, first_target, resolution_target, at_risk_percent)
        return

    # Answered: the first reply moves it to In progress.
    t = first = max(3.0, first_target * rng.lognormvariate(-0.9, 0.7))
    messages.append((t, ASSIGNEE, rng.choice(replies), False))
    steps.append((t, ASSIGNEE, TicketEvent.Kind.STATUS, LABEL[Status.OPEN], LABEL[Status.IN_PROGRESS], ""))
    if rng.random() < 0.05:
        new_priority = rng.choice([p for p in Priority if p != plan.priority])
        old_label = Priority(plan.priority).label
        steps.append((t + 1, ASSIGNEE, TicketEvent.Kind.PRIORITY, old_label, new_priority.label, ""))
        plan.priority = new_priority
        first_target, resolution_target, at_risk_percent = ctx.sla[plan.priority]
    waits = status == Status.OPEN or (status not in (Status.WAITING,) and rng.random() < 0.35)
    wait_start = None
    if waits or status == Status.WAITING:
        t = wait_start = t + rng.uniform(10, 600)
        messages.append((t, ASSIGNEE, rng.choice(vocabulary.AGENT_QUESTIONS), False))
        steps.append((t, ASSIGNEE, TicketEvent.Kind.STATUS, LABEL[Status.IN_PROGRESS], LABEL[Status.WAITING], ""))
    if waits:
        back = t + min(rng.expovariate(1 / 900), 7 * DAY)
        paused += back - t
        messages.append((back, REQUESTER, rng.choice(vocabulary.CUSTOMER_ANSWERS), False))
        replied = "The customer replied"
        steps.append((back, REQUESTER, TicketEvent.Kind.STATUS, LABEL[Status.WAITING], LABEL[Status.OPEN], replied))
        t = back
        if status != Status.OPEN:
            t += rng.uniform(10, 300)
            steps.append((t, ASSIGNEE, TicketEvent.Kind.STATUS, LABEL[Status.OPEN], LABEL[Status.IN_PROGRESS], ""))
    if status in (Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED):
        for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
            t += rng.uniform(30, DAY)
            messages.append((t, REQUESTER, rng.choice(vocabulary.CUSTOMER_FOLLOW_UPS), False))
            t += rng.uniform(10, 600)
            messages.append((t, ASSIGNEE, rng.choice(vocabulary.AGENT_FOLLOW_UPS), False))
    if rng.random() < (1.0 if plan.customer == 0 else 0.3):
        t += rng.uniform(5, 120)
        messages.append((t, LEAD if rng.random() < 0.3 else ASSIGNEE, rng.choice(vocabulary.INTERNAL_NOTES), True))

    if status in ACTIVE:
        # Squeeze the story into the ticket's age if it would run past the present.
        factor = min(1.0, age * 0.95 / t)
        steps, messages, paused = _scaled(steps, factor), _scaled(messages, factor), paused * factor
        plan.first_responded = first * factor
        if status == Status.WAITING:
            plan.sla_paused_at = wait_start * factor
        _finish(plan, steps, messages, paused, first_target, resolution_target, at_risk_percent)
        return

    resolve = max(t + 10, paused + resolution_target * rng.lognormvariate(-1.2, 0.9))
    if status == Status.RESOLVED:
        limit = age - rng.uniform(0, min(7 * DAY, age / 2))
    else:  # closed automatically a week after being resolved
        limit = age - 7 * DAY - 90
    if resolve > limit:
        factor = limit / resolve
        steps, messages, paused = _scaled(steps, factor), _scaled(messages, factor), paused * factor
        first, resolve = first * factor, limit
    elif status == Status.RESOLVED:
        resolve = limit
    plan.first_responded = first
    summary = rng.choice(resolutions)
    if rng.random() < 0.7:
        body = f"Good news: {summary[0].lower()}{summary[1:]} Let us know if anything else comes up."
        messages.append((resolve - 1, ASSIGNEE, body, False))
    steps.append((resolve, ASSIGNEE, TicketEvent.Kind.STATUS, LABEL[Status.IN_PROGRESS], LABEL[Status.RESOLVED], ""))
    plan.resolved, plan.resolution_summary = resolve, summary
    rated = resolve + rng.uniform(60, 3 * DAY)
    if rng.random() < 0.35 and rated < age:
        late = resolve > paused + resolution_target
        plan.rating = rng.choice([3, 2, 1, 4]) if late else rng.choice([5, 5, 5, 4, 4, 3])
        plan.rating_comment, plan.rated = vocabulary.RATING_COMMENTS[plan.rating], rated
        steps.append((rated, REQUESTER, TicketEvent.Kind.RATED, "", f"{plan.rating}/5", ""))
    if status == Status.CLOSED:
        plan.closed = resolve + 7 * DAY + rng.uniform(5, 60)
        steps.append((
            plan.closed, SYSTEM, TicketEvent.Kind.STATUS, LABEL[Status.RESOLVED], LABEL[Status.CLOSED],
            "Closed automatically",
        ))
    _finish(plan, steps, messages, paused, first_target, resolution_target, at_risk_percent)


def _scaled(items, factor):
    return items if factor >= 1 else [(item[0] * factor, *item[1:]) for item in items]


def _finish(plan, steps, messages, paused, first_target, resolution_target, at_risk_percent) -> None:
    created = plan.created
    age = (BASE_TIME - created).total_seconds() / 60

    def moment(minutes):
        # A safety net for the youngest tickets: nothing may happen after the generation moment.
        return None if minutes is None else created + timedelta(seconds=int(min(minutes, age * 0.99) * 60))

    plan.events = [(moment(at), *rest) for at, *rest in sorted(steps, key=lambda step: step[0])]
    plan.messages = [(moment(at), *rest) for at, *rest in sorted(messages, key=lambda message: message[0])]
    plan.updated = max([created] + [event[0] for event in plan.events] + [message[0] for message in plan.messages])
    for name in ("first_responded", "resolved", "closed", "rated", "sla_paused_at"):
        setattr(plan, name, moment(getattr(plan, name)))
    plan.sla_paused_seconds = int(paused * 60)
    start = created + timedelta(seconds=plan.sla_paused_seconds)
    share = at_risk_percent / 100
    plan.sla = (
        start + timedelta(minutes=first_target), start + timedelta(minutes=first_target * share),
        start + timedelta(minutes=resolution_target), start + timedelta(minutes=resolution_target * share),
    )
    if plan.status in ACTIVE and plan.sla_paused_at is None:
        # Already past a threshold at generation time: count it as warned, as the SLA job would have.
        pending = [(plan.sla[2], plan.sla[3])]
        if plan.first_responded is None:
            pending.append((plan.sla[0], plan.sla[1]))
        due, at_risk = min(pending)
        plan.sla_notified_state = (
            SLAState.BREACHED if BASE_TIME >= due else SLAState.AT_RISK if BASE_TIME >= at_risk else ""
        )


def ticket_titles(seeds, context) -> list[str]:
    return [plan.title for plan in plan_tickets(seeds, context)]


def load_tickets(world) -> None:
    sla = {
        policy.priority: (policy.first_response_minutes, policy.resolution_minutes, policy.at_risk_percent)
        for policy in SLAPolicy.objects.all()
    }
    context = ticket_context(world.scale, world.seed, world.order_seeds, world.agent_names)
    context.sla = {**DEFAULT_SLA, **sla}
    lead_pk = world.lead[0]
    for chunk in chunked(plan_tickets(world.ticket_seeds, context)):
        tickets = []
        for plan in chunk:
            category_pk, department_pk = world.support_categories[plan.department][plan.category]
            tickets.append((
                plan.title, plan.description, world.customers[plan.customer], category_pk, department_pk,
                int(plan.priority), str(plan.status),
                None if plan.assignee is None else world.agents[plan.department][plan.assignee][0],
                None if plan.order is None else world.orders[plan.order],
                plan.created, plan.updated, plan.first_responded, plan.resolved, plan.closed, plan.resolution_summary,
                plan.rating, plan.rating_comment, plan.rated, *plan.sla, plan.sla_paused_at, plan.sla_paused_seconds,
                str(plan.sla_notified_state),
            ))
        ticket_pks = insert(Ticket, TICKET_FIELDS, tickets, returning=True)
        messages, events = [], []
        for plan, pk, row in zip(chunk, ticket_pks, tickets):
            requester, assignee = row[2], row[7]
            people = {REQUESTER: requester, ASSIGNEE: assignee or lead_pk, LEAD: lead_pk, SYSTEM: None}
            messages.extend((pk, people[author], body, internal, at) for at, author, body, internal in plan.messages)
            events.extend(
                (pk, people[actor], str(kind), old, new, note, at) for at, actor, kind, old, new, note in plan.events
            )
        insert(TicketMessage, ["ticket_id", "author_id", "body", "is_internal", "created_at"], messages)
        insert(TicketEvent, ["ticket_id", "actor_id", "kind", "old_value", "new_value", "note", "created_at"], events)
        world.tickets.extend(ticket_pks)


TICKET_FIELDS = [
    "title", "description", "requester_id", "category_id", "department_id", "priority", "status", "assignee_id",
    "order_id", "created_at", "updated_at", "first_responded_at", "resolved_at", "closed_at", "resolution_summary",
    "rating", "rating_comment", "rated_at", "first_response_due_at", "first_response_at_risk_at", "resolution_due_at",
    "resolution_at_risk_at", "sla_paused_at", "sla_paused_seconds", "sla_notified_state",
]
