"""Who may do what with tickets. Code checks permissions, never group names."""


def can_use_support_admin(user) -> bool:
    return user.is_authenticated and user.is_active and (
        user.is_superuser or user.has_perm("support.work_tickets") or user.has_perm("support.view_all_tickets")
    )


def sees_all_tickets(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("support.view_all_tickets"))


def can_see_reports(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("support.view_support_reports"))


def can_delete_tickets(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("support.delete_ticket"))


def department_ids(user) -> set:
    """The departments an agent works in, cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_support_department_ids", None)
    if cached is None:
        cached = set(user.support_departments.values_list("pk", flat=True)) | set(
            user.led_departments.values_list("pk", flat=True)
        )
        user._support_department_ids = cached
    return cached


def can_work_ticket(user, ticket) -> bool:
    if not can_use_support_admin(user):
        return False
    return sees_all_tickets(user) or ticket.department_id in department_ids(user)


def can_work_department(user, department) -> bool:
    if not can_use_support_admin(user):
        return False
    return sees_all_tickets(user) or department.pk in department_ids(user)


def is_requester(user, ticket) -> bool:
    return user.is_authenticated and ticket.requester_id == user.pk
