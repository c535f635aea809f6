"""Where each page type may live, and who may reach the page tree at all."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest

from articles.models import ArticlePage, HomePage, SectionPage
from demo import factories
from live.models import LivePage
from pages.models import SimplePage
from tests.admin_forms import article_form
from tests.testpages.models import NotePage


class PageTreeRules(WagtailPageTestCase):
    def test_home_lives_under_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        # Rubriques and any page type that allows itself under a site root (the « Page simple »
        # of the legal pages); never an article, which belongs in a rubrique.
        self.assertCanCreateAt(HomePage, SectionPage)
        self.assertCanCreateAt(HomePage, SimplePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)

    def test_sections_live_under_the_home_page(self):
        self.assertAllowedParentPageTypes(SectionPage, {HomePage})
        self.assertEqual(set(SectionPage.creatable_subpage_models()) - {SimplePage}, {ArticlePage, LivePage})
        self.assertEqual(set(SectionPage.allowed_subpage_models()) - {Page}, {ArticlePage, LivePage, NotePage, SimplePage})
        # A « Page simple » asks for a site root itself (pages/models.py): never under a rubrique.
        section = factories.make_section(home=HomePage.objects.get())
        self.assertFalse(SimplePage.can_create_at(section))

    def test_articles_live_only_under_a_section(self):
        home = HomePage.objects.get()
        section = factories.make_section(home=home)
        self.assertCanCreateAt(SectionPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertPageIsRoutable(section)

    def test_a_second_home_page_cannot_be_created(self):
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_article_pages_render_and_preview(self):
        section = factories.make_section()
        article = factories.make_article(section=section, authors=[factories.make_author()])
        # force_login: django-axes wants the request that client.login() cannot pass to authenticate().
        self.client.force_login(self.create_superuser("admin"))
        self.assertPageIsRenderable(article)
        self.assertPageIsPreviewable(article, post_data=article_form(factories.make_author()))


@pytest.mark.django_db
def test_sales_staff_cannot_open_or_edit_pages(client, sales, section):
    article = factories.make_article(section=section)
    client.force_login(sales)

    explorer = client.get(f"/admin/pages/{section.pk}/")
    edit = client.get(f"/admin/pages/{article.pk}/edit/")
    add = client.get(f"/admin/pages/add/articles/articlepage/{section.pk}/")

    # Wagtail denies with a redirect to the dashboard (403 for XHR): never the editor.
    for response in (explorer, edit, add):
        assert response.status_code in (302, 403)
        assert b'name="action-publish"' not in response.content
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_journalist_cannot_delete_or_unpublish(client, journalist, section):
    article = factories.make_article(section=section)
    client.force_login(journalist)

    client.post(f"/admin/pages/{article.pk}/unpublish/", {})
    client.post(f"/admin/pages/{article.pk}/delete/", {})

    article.refresh_from_db()
    assert article.live


@pytest.mark.django_db
def test_roles_exist_with_the_workflow_after_migrate():
    from django.contrib.auth.models import Group

    from wagtail.models import WorkflowPage

    assert set(Group.objects.values_list("name", flat=True)) == {"Journalistes", "Rédaction en chef", "Commercial"}
    assignment = WorkflowPage.objects.get(page=HomePage.objects.get())
    assert assignment.workflow.name == "Relecture" and assignment.workflow.active
    task = assignment.workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Rédaction en chef"]
