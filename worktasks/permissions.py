"""Who may do what with tasks. Code checks permissions, never group names.

Tasks are the team's internal work: everyone with ``worktasks.work_tasks`` sees and works every
task; deleting needs ``worktasks.delete_task`` (Support leads).
"""


def can_use_tasks(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("worktasks.work_tasks"))
    )


def can_delete_tasks(user) -> bool:
    return can_use_tasks(user) and (user.is_superuser or user.has_perm("worktasks.delete_task"))
