import pytest
from django.contrib.auth.models import Group

from portal import roles
from portal.services import user_register, user_set_roles
from tests.factories import make_user

pytestmark = pytest.mark.django_db


class RoleGroupsTests:
    def test_every_role_exists_as_a_group(self):
        assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_ROLES)

    def test_staff_roles_may_enter_the_wagtail_admin_and_customers_may_not(self):
        for role in [roles.AGENTS, roles.SUPPORT_LEADS, roles.EDITORS, roles.MODERATORS, roles.SHOP_MANAGERS]:
            assert make_user(role).has_perm("wagtailadmin.access_admin"), role
        assert not make_user(roles.CUSTOMERS).has_perm("wagtailadmin.access_admin")


class UserRegisterTests:
    def test_a_new_account_is_a_customer_and_not_staff(self):
        user = user_register(email="New@Example.com", password="pw-Long-enough-1", display_name="New")
        assert list(user.groups.values_list("name", flat=True)) == [roles.CUSTOMERS]
        assert user.email == "New@example.com"
        assert not user.is_staff
        assert user.check_password("pw-Long-enough-1")


class StaffFlagTests:
    """Oscar's dashboard checks is_staff; it must follow the shop-dashboard permission."""

    def test_shop_managers_become_staff_and_lose_it_with_the_role(self):
        user = make_user(roles.SHOP_MANAGERS)
        user.refresh_from_db()
        assert user.is_staff
        user_set_roles(user=user, role_names=[roles.CUSTOMERS])
        user.refresh_from_db()
        assert not user.is_staff

    def test_agents_are_not_shop_staff(self):
        user = make_user(roles.AGENTS)
        user.refresh_from_db()
        assert not user.is_staff

    def test_editing_groups_directly_keeps_the_flag_in_step(self):
        user = make_user(roles.CUSTOMERS)
        user.groups.add(Group.objects.get(name=roles.SHOP_MANAGERS))
        user.refresh_from_db()
        assert user.is_staff
