"""Editors write and submit; Moderators approve and publish. Scheduled pages go live through the worker."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Workflow
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import StandardPage
from home.periodic import tasks as home_tasks
from portal import roles
from portal.scheduling import jobs
from tests.factories import make_user

from . import builders


class EditorialWorkflowTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(roles.EDITORS, email="editor@example.com")
        cls.moderator = make_user(roles.MODERATORS, email="moderator@example.com")
        cls.home = builders.home_page()

    def _edit_data(self, title, action):
        return nested_form_data({
            "title": title,
            "slug": "news",
            "intro": "Fresh news",
            "body": streamfield([]),
            "comments": inline_formset([]),
            action: "1",
        })

    def test_moderators_approval_covers_the_whole_site(self):
        workflow = Workflow.objects.get(name="Moderators approval")
        self.assertEqual(self.home.get_workflow(), workflow)
        self.assertTrue(workflow.active)

    def test_editors_may_write_but_not_publish(self):
        permissions = self.home.permissions_for_user(self.editor)
        self.assertTrue(permissions.can_add_subpage())
        self.assertFalse(permissions.can_publish_subpage())
        self.assertTrue(self.home.permissions_for_user(self.moderator).can_publish_subpage())

    def test_an_editor_submits_and_a_moderator_approves(self):
        self.client.force_login(self.editor)
        add_url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", self.home.pk))
        # "Publish" from an editor is not honoured: the page stays a draft.
        response = self.client.post(add_url, self._edit_data("News", "action-publish"))
        self.assertIn(response.status_code, (200, 302))
        page = StandardPage.objects.filter(slug="news").first()
        if page is not None:
            self.assertFalse(page.live)
            page.delete()
        response = self.client.post(add_url, self._edit_data("News", "action-submit"))
        self.assertEqual(response.status_code, 302)
        page = StandardPage.objects.get(slug="news")
        self.assertFalse(page.live)
        state = page.current_workflow_state
        self.assertIsNotNone(state)
        self.assertEqual(state.status, "in_progress")
        self.assertEqual(state.requested_by, self.editor)

        # The editor cannot approve their own submission.
        task_state = state.current_task_state
        self.assertNotIn("approve", [action for action, *_ in task_state.task.get_actions(page, self.editor)])

        self.client.force_login(self.moderator)
        approve_url = reverse(
            "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)
        )
        response = self.client.post(approve_url, {"comment": "Looks good"})
        self.assertIn(response.status_code, (200, 302))
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(self.client.get("/news/").status_code, 200)

    def test_a_moderator_can_request_changes(self):
        page = StandardPage(title="Draft", slug="draft", live=False)
        self.home.add_child(instance=page)
        revision = page.save_revision(user=self.editor)
        state = page.get_workflow().start(page, self.editor)
        task_state = state.current_task_state
        task_state.task.on_action(task_state, self.moderator, "reject")
        state.refresh_from_db()
        page.refresh_from_db()
        self.assertEqual(state.status, "needs_changes")
        self.assertFalse(page.live)
        self.assertEqual(revision.pk, page.latest_revision_id)


class ScheduledPublishingTests(WagtailPageTestCase):
    def test_the_publishing_job_runs_every_minute(self):
        job = next(job for job in jobs() if job.task.module_path == home_tasks.publish_scheduled_pages.module_path)
        self.assertEqual(job.every, timedelta(minutes=1))

    def test_the_job_publishes_a_page_whose_time_has_come(self):
        home = builders.home_page()
        page = StandardPage(title="Launch", slug="launch", live=False)
        home.add_child(instance=page)
        # What a moderator's approval of a page scheduled for a minute ago leaves behind.
        page.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
        self.assertFalse(Page.objects.get(pk=page.pk).live)
        home_tasks.publish_scheduled_pages.enqueue()
        self.assertTrue(Page.objects.get(pk=page.pk).live)
