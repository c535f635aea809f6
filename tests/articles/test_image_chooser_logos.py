"""The article image chooser: partner logos (« Partenaires » collection) are the sales team's."""

from wagtail.models import Collection

import pytest

from demo import factories

pytestmark = pytest.mark.django_db


def test_journalists_do_not_see_partner_logos_in_the_chooser_sales_do(client, journalist, editor, sales):
    photo = factories.make_image(title="Photo de Menlo Park")
    logo = factories.make_image(title="Logo animauxpro")
    logo.collection = Collection.objects.get(name="Partenaires")
    logo.save()

    def chosen(user):
        client.force_login(user)
        response = client.get("/admin/images/chooser/")
        assert response.status_code == 200
        return {image.pk for image in response.context["results"]}

    assert chosen(journalist) == {photo.pk}
    assert chosen(editor) == {photo.pk}
    assert chosen(sales) == {logo.pk}
