"""The support desk's structure and the people: well-known accounts, agents, customers."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from portal import roles
from support.models import CannedResponse, Category, Department
from worktasks.models import Label

from . import vocabulary
from .bulk import insert, rng_for
from .scales import (
    BASE_TIME,
    BENCH_ACCOUNTS,
    BENCH_ADMIN,
    BENCH_AGENT,
    BENCH_CUSTOMER,
    BENCH_LEAD,
    BENCH_PASSWORD,
    HISTORY,
)

User = get_user_model()

CANNED_RESPONSES = [
    (None, "Thanks for your patience", "Thank you for your patience while we looked into this."),
    (None, "Anything else?",
     "Is there anything else we can help with? If not, we will close this ticket in a few days."),
    ("Orders & delivery", "Tracking link",
     "You can follow your parcel with the tracking link in your order confirmation."),
    ("Returns & refunds", "Return label", "We have emailed you a prepaid return label, valid for 14 days."),
    ("Billing", "Refund issued", "We have issued your refund; it reaches your account within 3 to 5 working days."),
    ("Technical support", "Setup guide", "Here is the setup guide for your model; step 3 usually solves this."),
    ("Accounts", "Reset your password", "Use “Forgot password?” on the login page; the link is valid for 3 days."),
]


# --- pure plans ---------------------------------------------------------------------------------


def customer_profiles(scale, seed) -> list[tuple]:
    """(first name, last name, email, street line, town, postcode) per customer; index 0 is the well-known one."""
    rng = rng_for(seed, "customers")
    profiles = [("Bench", "Customer", BENCH_CUSTOMER, "1 Bench Street", "Bristol", "BS1 4DJ")]
    for index in range(1, scale.customers):
        first, last = vocabulary.person_name(rng)
        town, area = rng.choice(vocabulary.TOWNS)
        street = f"{rng.randint(1, 180)} {rng.choice(vocabulary.STREETS)}"
        postcode = f"{area} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        profiles.append((first, last, f"{first}.{last}.{index}@example.com".lower(), street, town, postcode))
    return profiles


def agent_names(scale, seed) -> list[list[str]]:
    """Display names of each department's agents; the first agent of the first department is the well-known one."""
    rng = rng_for(seed, "agents")
    taken = {"Bench Agent", "Bench Lead"}
    departments = []
    for department_index in range(len(vocabulary.DEPARTMENTS)):
        names = ["Bench Agent"] if department_index == 0 else []
        while len(names) < scale.agents_per_department:
            name = " ".join(vocabulary.person_name(rng))
            if name not in taken:
                taken.add(name)
                names.append(name)
        departments.append(names)
    return departments


def agent_email(name: str) -> str:
    return BENCH_AGENT if name == "Bench Agent" else f"agent.{name.replace(' ', '.').lower()}@example.com"


# --- writing ------------------------------------------------------------------------------------


def refuse_if_bench_data(using_force: bool) -> str | None:
    """A reason not to run, or None: the generator adds rows, it never updates what is there."""
    from support.models import Ticket

    if User.objects.filter(email__in=BENCH_ACCOUNTS).exists():
        return "This database already holds a bench data set (the bench accounts exist). Use a fresh database."
    if Ticket.objects.exists() and not using_force:
        return "This database already has tickets. Use a fresh database, or --force to add the bench data anyway."
    return None


def load_structure(world) -> None:
    """Departments with their ticket categories, canned responses and task labels (found by name if present)."""
    for name, _weight, auto_assign, category_names in vocabulary.DEPARTMENTS:
        department, _ = Department.objects.get_or_create(name=name, defaults={"auto_assign": auto_assign})
        world.departments.append(department)
        pks = []
        for category_name in category_names:
            category, _ = Category.objects.get_or_create(name=category_name, defaults={"department": department})
            # A category of that name may already belong to another department (demo data): use it as it is.
            pks.append((category.pk, category.department_id))
        world.support_categories.append(pks)
    by_name = {department.name: department for department in world.departments}
    for department_name, title, body in CANNED_RESPONSES:
        department = by_name.get(department_name)
        CannedResponse.objects.get_or_create(department=department, title=title, defaults={"body": body})
    for name in vocabulary.LABELS:
        Label.objects.get_or_create(name=name)


PASSWORD_SALT = "benchHarnessFixedSalt1"
USER_FIELDS = ["email", "first_name", "last_name", "display_name", "password", "is_active", "is_staff",
               "is_superuser", "date_joined"]


def load_people(world) -> None:
    # A fixed salt keeps even the hashes the same from run to run (22 characters: Django's salt entropy).
    world.password_hash = make_password(BENCH_PASSWORD, salt=PASSWORD_SALT)
    groups = dict(Group.objects.values_list("name", "pk"))

    def user(email, first, last, joined, *, display="", superuser=False):
        # is_staff means "may use the shop dashboard" (portal.services.user_sync_staff_flag): superusers only here.
        return (email, first, last, display or f"{first} {last}", world.password_hash, True, superuser, superuser,
                joined)

    desk_joined = BASE_TIME - HISTORY - timedelta(days=60)
    desk = [
        user(BENCH_ADMIN, "Bench", "Admin", desk_joined, superuser=True),
        user(BENCH_LEAD, "Bench", "Lead", desk_joined),
    ]
    for names in world.agent_names:
        for name in names:
            first, _, last = name.partition(" ")
            desk.append(user(agent_email(name), first, last, desk_joined))
    desk_pks = insert(User, USER_FIELDS, desk, returning=True)
    world.admin_pk, lead_pk, agent_pks = desk_pks[0], desk_pks[1], iter(desk_pks[2:])
    world.lead = (lead_pk, "Bench Lead")
    world.agents = [[(next(agent_pks), name) for name in names] for names in world.agent_names]

    joined = _customer_joined(world)
    world.customers = insert(User, USER_FIELDS, (
        user(email, first, last, joined[index])
        for index, (first, last, email, *_address) in enumerate(world.customer_profiles)
    ), returning=True)

    Through = User.groups.through
    memberships = [(lead_pk, groups[roles.SUPPORT_LEADS])]
    memberships += [(agent_pk, groups[roles.AGENTS]) for agent_pk, _name in world.all_agents]
    memberships += [(customer_pk, groups[roles.CUSTOMERS]) for customer_pk in world.customers]
    insert(Through, ["user_id", "group_id"], memberships)

    Members = Department.members.through
    insert(Members, ["department_id", "user_id"], (
        (department.pk, agent_pk)
        for department, agents in zip(world.departments, world.agents)
        for agent_pk, _name in agents
    ))
    # The lead runs every department (and sees them all through the Support leads role).
    Department.objects.filter(pk__in=[d.pk for d in world.departments]).update(lead_id=lead_pk)


def _customer_joined(world) -> list:
    """Each customer joined a little before their first ticket or order."""
    rng = rng_for(world.seed, "joined")
    first = [None] * world.scale.customers
    for seeds in (world.ticket_seeds, world.order_seeds):
        for row in seeds:
            moment = row.created
            if first[row.customer] is None or moment < first[row.customer]:
                first[row.customer] = moment
    joined = []
    for moment in first:
        moment = moment or BASE_TIME - timedelta(days=rng.uniform(1, HISTORY.days))
        joined.append(moment - timedelta(days=rng.uniform(0.5, 90)))
    return joined
