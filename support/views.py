# Skeleton: the customer-side helper replaces these.
from django.http import HttpResponse


def _todo(request, **kwargs):
    return HttpResponse("")


ticket_list = ticket_new = ticket_detail = ticket_reply = ticket_reopen = ticket_rate = attachment_download = _todo
