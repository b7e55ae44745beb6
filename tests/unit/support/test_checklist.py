"""The per-ticket checklist."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from support.models import ChecklistItem
from support.services import checklist_item_add, checklist_item_delete, checklist_item_set_done

pytestmark = pytest.mark.django_db


class ChecklistTests:
    def test_items_are_added_in_order(self, ticket, agent):
        for text in ("Check the courier", "Refund shipping", "Send a voucher"):
            checklist_item_add(ticket=ticket, actor=agent, text=text)

        assert list(ticket.checklist.values_list("text", "position")) == [
            ("Check the courier", 0),
            ("Refund shipping", 1),
            ("Send a voucher", 2),
        ]

    def test_an_item_added_after_a_deletion_still_goes_last(self, ticket, agent):
        first = checklist_item_add(ticket=ticket, actor=agent, text="One")
        checklist_item_add(ticket=ticket, actor=agent, text="Two")
        checklist_item_delete(item=first, actor=agent)

        checklist_item_add(ticket=ticket, actor=agent, text="Three")

        assert list(ticket.checklist.values_list("text", flat=True)) == ["Two", "Three"]
        assert len(set(ticket.checklist.values_list("position", flat=True))) == 2

    def test_ticking_records_who_and_when_and_unticking_clears_it(self, ticket, agent):
        item = checklist_item_add(ticket=ticket, actor=agent, text="Check the courier")

        checklist_item_set_done(item=item, actor=agent, is_done=True)
        item.refresh_from_db()
        assert item.is_done and item.done_by == agent and item.done_at is not None

        checklist_item_set_done(item=item, actor=agent, is_done=False)
        item.refresh_from_db()
        assert (item.is_done, item.done_by, item.done_at) == (False, None, None)

    def test_deleting(self, ticket, agent):
        item = checklist_item_add(ticket=ticket, actor=agent, text="Check the courier")
        checklist_item_delete(item=item, actor=agent)
        assert not ChecklistItem.objects.exists()

    @pytest.mark.parametrize("text", ["", "   ", "x" * 201])
    def test_text_must_be_given_and_short(self, ticket, agent, text):
        with pytest.raises(ValidationError):
            checklist_item_add(ticket=ticket, actor=agent, text=text)

    @pytest.mark.parametrize("person", ["customer", "outsider_agent", "editor"])
    def test_only_the_desk_may_touch_it(self, request, ticket, agent, person):
        someone = request.getfixturevalue(person)
        item = checklist_item_add(ticket=ticket, actor=agent, text="Check the courier")

        with pytest.raises(PermissionDenied):
            checklist_item_add(ticket=ticket, actor=someone, text="Mine")
        with pytest.raises(PermissionDenied):
            checklist_item_set_done(item=item, actor=someone, is_done=True)
        with pytest.raises(PermissionDenied):
            checklist_item_delete(item=item, actor=someone)
        assert ChecklistItem.objects.get().is_done is False
