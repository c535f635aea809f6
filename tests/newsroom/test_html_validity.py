"""Every public page type is valid HTML for the Nu HTML Checker (vnu-jar, on the machine's Java)."""

import datetime
import json
import shutil
import subprocess
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.template.loader import render_to_string

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

import pytest

from articles.models import ArticlePage, SectionPage
from demo import factories

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.django_db


def test_public_pages_have_no_html_error(client, tmp_path):
    assert VNU.exists(), "vnu-jar is missing: `make test` installs it with npm ci"
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java"
    call_command("load_demo", "--no-accounts", stdout=StringIO())
    story = ArticlePage.objects.get(slug="meta-superintelligence-acquisitions-recrutements")
    video = "https://www.youtube.com/watch?v=valid123"
    Embed.objects.create(
        hash=get_embed_hash(video),
        url=video,
        type="video",
        html='<iframe title="Vidéo" src="https://www.youtube.com/embed/valid123"></iframe>',
        title="Une vidéo « test » & d'autres",
        provider_name="YouTube",
    )
    with_embed = factories.make_article(
        section=SectionPage.objects.get(slug="business"),
        body=[{"type": "embed", "value": {"embed": video, "caption": "Légende"}}],
        # Whole seconds, like the demo: `|date:"c"` with microseconds is the validators stream's (issue 22).
        published_at=datetime.datetime(2025, 7, 1, 10, 0, tzinfo=datetime.UTC),
    )
    pages = {
        "home": "/",
        "home-page-2": "/?page=2",
        "section": "/business/",
        "article": story.url,
        "entity-index": "/entites/?type=personne&lettre=M",
        "entity": "/entites/meta/",
        "author": "/auteurs/claire-dubreuil/",
        "tag": "/tags/ia-generative/",
        "search": "/recherche/?q=Meta&rubrique=business",
        "search-empty": "/recherche/",
        "not-found": "/cette-page-n-existe-pas/",
        "legal-notice": "/mentions-legales/",
        "accessibility": "/accessibilite/",
        "rubrique-recherche": "/recherche-ia/",
        "article-with-embed": with_embed.url,
    }
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    server_error = tmp_path / "server-error.html"
    server_error.write_text(render_to_string("500.html"))
    files.append(str(server_error))

    command = [java, "-jar", str(VNU), "--format", "json", "--errors-only", *files]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)  # noqa: S603 - our own files

    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message.get('message')}"
        for message in messages
        if message.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)
    assert len(files) == 16
