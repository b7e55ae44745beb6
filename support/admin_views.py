# Skeleton: the admin helper replaces these.
from django.http import HttpResponse


def _todo(request, **kwargs):
    return HttpResponse("")


ticket_table = ticket_workspace = _todo
