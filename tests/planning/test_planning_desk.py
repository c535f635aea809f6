"""Planning de la rédaction: the rédaction en chef plans and assigns, a journalist starts the draft
in one click and moves only their own assignments along; week/month views in fixed queries; the
private ICS feeds, per person and for the desk, revocable."""

import datetime

from django.utils import timezone

import pytest
from icalendar import Calendar

from articles.models import ArticlePage
from demo import factories
from planning.models import CalendarFeed, NewsroomEvent, PlannedStory
from planning.services import feed_create

pytestmark = pytest.mark.django_db
# The month view, whatever the number of stories: the admin's own (session, user, menu, permissions)
# and the planning's six (stories, their journalists, events, their entities, the two filter lists).
QUERIES = 20


@pytest.fixture
def monday():
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


@pytest.fixture
def plan(section, journalist, monday):
    story = PlannedStory.objects.create(
        subject="Meta recrute à prix d’or",
        angle="Les primes proposées aux chercheurs d’OpenAI.",
        section=section,
        due_date=monday + datetime.timedelta(days=2),
        expected_length=6000,
        status=PlannedStory.Status.COMMISSIONED,
    )
    story.assignees.add(journalist)
    return story


def test_the_redaction_en_chef_plans_and_assigns_from_the_snippet_form(client, editor, section, journalist, monday):
    client.force_login(editor)
    response = client.post(
        "/admin/snippets/planning/plannedstory/add/",
        {
            "subject": "Scale AI après l’investissement de Meta",
            "angle": "",
            "section": section.pk,
            "due_date": (monday + datetime.timedelta(days=1)).isoformat(),
            "expected_length": "4000",
            "assignees": [journalist.pk],
            "status": "commande",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    story = PlannedStory.objects.get()
    assert list(story.assignees.all()) == [journalist]

    bad = client.post("/admin/snippets/planning/plannedstory/add/", {"subject": "Sans date", "due_date": "32/13/2026", "status": "idee"})
    assert bad.status_code == 200 and PlannedStory.objects.count() == 1
    assert "date" in bad.content.decode().lower()


def test_a_journalist_starts_the_draft_in_one_click_with_title_rubrique_and_byline(client, plan, journalist, section):
    factories.make_author(name=journalist.get_full_name(), slug="journaliste")
    client.force_login(journalist)
    home = client.get("/admin/")
    assert "Mes sujets au planning" in home.content.decode() and "Meta recrute à prix d’or" in home.content.decode()

    response = client.post(f"/admin/planning/sujets/{plan.pk}/commencer/")

    page = ArticlePage.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert page.get_parent().pk == section.pk and page.title == "Meta recrute à prix d’or" and not page.live
    assert page.owner == journalist
    latest = page.get_latest_revision_as_object()
    assert [link.author.name for link in latest.article_authors.all()] == [journalist.get_full_name()]
    plan.refresh_from_db()
    assert plan.draft_id == page.pk and plan.status == PlannedStory.Status.IN_PROGRESS
    # A second click opens the same draft.
    client.post(f"/admin/planning/sujets/{plan.pk}/commencer/")
    assert ArticlePage.objects.count() == 1


def test_journalists_change_only_their_own_assignments(client, plan, journalist, editor, sales, section, monday):
    other = PlannedStory.objects.create(subject="Pas pour vous", section=section, due_date=monday)
    client.force_login(journalist)
    client.post(f"/admin/planning/sujets/{plan.pk}/etat/", {"status": "relecture"})
    client.post(f"/admin/planning/sujets/{other.pk}/etat/", {"status": "publie"})
    client.post(f"/admin/planning/sujets/{other.pk}/commencer/")
    assert client.get(f"/admin/snippets/planning/plannedstory/edit/{plan.pk}/").status_code in (302, 403)
    plan.refresh_from_db()
    other.refresh_from_db()
    assert plan.status == "relecture" and other.status == "idee" and other.draft_id is None
    assert not ArticlePage.objects.exists()

    client.force_login(sales)
    assert client.get("/admin/planning/semaine/").status_code in (302, 403)
    client.post(f"/admin/planning/sujets/{plan.pk}/etat/", {"status": "idee"})
    plan.refresh_from_db()
    assert plan.status == "relecture"


def test_week_and_month_views_filter_and_cost_fixed_queries(client, editor, plan, section, journalist, monday, django_assert_num_queries):
    other_section = factories.make_section(title="Santé")
    for index in range(6):
        story = PlannedStory.objects.create(
            subject=f"Brève {index}", section=other_section, due_date=monday + datetime.timedelta(days=index % 7)
        )
        story.assignees.add(editor)
    event = NewsroomEvent.objects.create(
        title="Keynote de Meta", starts_at=timezone.make_aware(datetime.datetime.combine(monday, datetime.time(18, 30))), place="Menlo Park"
    )
    event.entities.add(factories.make_entity(name="Meta"))
    client.force_login(editor)
    week = client.get(f"/admin/planning/semaine/?date={monday.isoformat()}").content.decode()
    assert "Meta recrute à prix d’or" in week and "Brève 5" in week and "Keynote de Meta" in week and "18 h 30" in week
    assert "Commencer l’article" in week

    filtered = client.get(f"/admin/planning/semaine/?date={monday.isoformat()}&rubrique={section.pk}").content.decode()
    assert "Meta recrute à prix d’or" in filtered and "Brève 1" not in filtered
    by_person = client.get(f"/admin/planning/mois/?date={plan.due_date.isoformat()}&personne={journalist.pk}").content.decode()
    assert "Meta recrute à prix d’or" in by_person and "Brève 1" not in by_person

    month = f"/admin/planning/mois/?date={plan.due_date.isoformat()}"
    client.get(month)  # warm the admin's per-session caches
    with django_assert_num_queries(QUERIES):
        assert client.get(month).status_code == 200
    for index in range(10):
        story = PlannedStory.objects.create(subject=f"Encore {index}", section=section, due_date=plan.due_date)
        story.assignees.add(journalist)
    with django_assert_num_queries(QUERIES):
        assert "Encore 9" in client.get(month).content.decode()
    assert client.get("/admin/planning/semaine/?date=pas-une-date").status_code == 200


def test_ics_feeds_per_person_and_for_the_desk_are_private_and_revocable(client, plan, journalist, editor, section, monday):
    PlannedStory.objects.create(subject="Sujet d’un autre", section=section, due_date=monday)
    NewsroomEvent.objects.create(title="Résultats de Meta", starts_at=timezone.now() + datetime.timedelta(days=3), place="En ligne")
    _feed, token = feed_create(user=journalist)
    url = f"/planning/agenda/{token}.ics"

    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    summaries = [str(item.get("summary")) for item in calendar.walk("VEVENT")]
    assert "À rendre : Meta recrute à prix d’or (commandé)" in summaries
    assert "Résultats de Meta" in summaries and not any("autre" in text for text in summaries)
    story = next(item for item in calendar.walk("VEVENT") if "prix" in str(item.get("summary")))
    assert story.decoded("dtstart") == plan.due_date

    with pytest.raises(Exception, match="rédaction en chef"):
        feed_create(user=journalist, for_desk=True)
    _desk, desk_token = feed_create(user=editor, for_desk=True)
    desk = Calendar.from_ical(client.get(f"/planning/agenda/{desk_token}.ics").content)
    assert "À rendre : Sujet d’un autre (idée)" in [str(item.get("summary")) for item in desk.walk("VEVENT")]

    client.force_login(journalist)
    client.post("/admin/planning/agendas/", {"kind": "personnel", "action": "revoke"})
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(f"/planning/agenda/{desk_token}.ics").status_code == 200
    assert client.get(f"/planning/agenda/{desk_token[:-2]}zz.ics").status_code == 404
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 1


def test_the_plan_follows_its_article_through_review_scheduling_and_publication(plan, journalist, author):
    from wagtail.models import Workflow

    from planning.services import plan_start_draft

    page = plan_start_draft(plan=plan, user=journalist)
    page.chapo = "Un chapô."
    page.save_revision(user=journalist)
    Workflow.objects.get(name="Relecture").start(page, journalist)
    plan.refresh_from_db()
    assert plan.status == PlannedStory.Status.REVIEW

    # Approved for tomorrow: scheduled, not yet published.
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision(user=journalist).publish()
    plan.refresh_from_db()
    assert plan.status == PlannedStory.Status.SCHEDULED and not page.live

    page.go_live_at = None
    page.save_revision(user=journalist).publish()
    plan.refresh_from_db()
    assert plan.status == PlannedStory.Status.PUBLISHED
