"""Least privilege on the planning: the sales team reaches none of it (its choosers included), and a
journalist acts only on their own assignments: denied (Wagtail's « permission denied », a redirect to
the dashboard) rather than sent back to the planning with a message that names the plan."""

import datetime

from django.utils import timezone

import pytest

from articles.models import ArticlePage
from planning.models import NewsroomEvent, PlannedStory
from planning.services import PlanningError, plan_start_draft

pytestmark = pytest.mark.django_db

SUBJECT = "Rachat secret de Mistral"


def denied(response) -> bool:
    """Wagtail turns a PermissionDenied in an admin view into a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture
def colleague_plan(section, editor):
    """A plan assigned to someone else than the journalist who asks."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    colleague = get_user_model().objects.create_user("collegue", password="motdepasse-de-test")
    colleague.groups.add(Group.objects.get(name="Journalistes"))
    plan = PlannedStory.objects.create(subject=SUBJECT, section=section, due_date=timezone.localdate())
    plan.assignees.add(colleague)
    return plan


@pytest.mark.parametrize(
    "path",
    [
        "/admin/snippets/choose/planning/plannedstory/",
        "/admin/snippets/choose/planning/plannedstory/results/",
        "/admin/snippets/choose/planning/plannedstory/chosen/{plan}/",
        "/admin/snippets/choose/planning/plannedstory/chosen-multiple/?id={plan}",
        "/admin/snippets/choose/planning/newsroomevent/",
        "/admin/snippets/choose/planning/newsroomevent/chosen/{event}/",
    ],
)
def test_the_sales_team_cannot_list_plans_or_events_through_a_chooser(client, sales, journalist, colleague_plan, path):
    event = NewsroomEvent.objects.create(title="Keynote secrète", starts_at=timezone.now() + datetime.timedelta(days=1))
    url = path.format(plan=colleague_plan.pk, event=event.pk)
    client.force_login(sales)
    response = client.get(url)
    assert denied(response)
    assert SUBJECT not in response.content.decode() and "Keynote secrète" not in response.content.decode()
    # Journalists read the planning: their chooser still works.
    client.force_login(journalist)
    assert client.get(url).status_code == 200


def test_the_sales_team_is_denied_the_plan_actions_and_learns_nothing(client, sales, colleague_plan):
    client.force_login(sales)
    for action, data in (("commencer", {}), ("etat", {"status": "publie"})):
        response = client.post(f"/admin/planning/sujets/{colleague_plan.pk}/{action}/", data)
        assert denied(response)
        assert SUBJECT not in response.content.decode()
    colleague_plan.refresh_from_db()
    assert colleague_plan.status == PlannedStory.Status.IDEA and colleague_plan.draft_id is None


def test_a_journalist_cannot_start_or_move_a_colleagues_plan(client, journalist, colleague_plan):
    client.force_login(journalist)
    assert denied(client.post(f"/admin/planning/sujets/{colleague_plan.pk}/commencer/"))
    assert denied(client.post(f"/admin/planning/sujets/{colleague_plan.pk}/etat/", {"status": "publie"}))
    colleague_plan.refresh_from_db()
    assert colleague_plan.status == PlannedStory.Status.IDEA
    assert not ArticlePage.objects.exists()


def test_a_started_draft_is_not_handed_to_someone_not_assigned(client, editor, journalist, colleague_plan):
    page = plan_start_draft(plan=colleague_plan, user=editor)
    colleague_plan.refresh_from_db()
    # Before this change the service returned the draft to anyone once it existed.
    with pytest.raises(PlanningError):
        plan_start_draft(plan=colleague_plan, user=journalist)
    client.force_login(journalist)
    assert denied(client.post(f"/admin/planning/sujets/{colleague_plan.pk}/commencer/"))
    client.force_login(editor)
    response = client.post(f"/admin/planning/sujets/{colleague_plan.pk}/commencer/")
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"
