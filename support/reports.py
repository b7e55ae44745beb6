# Skeleton: the reports helper replaces this.
from django.http import HttpResponse


def reports_view(request):
    return HttpResponse("")
