"""Time `import_wordpress` on a synthetic 10,000-post WordPress export.

    scripts/with-postgres.sh .venv/bin/python benchmarks/wordpress_import.py [--posts 10000] [--images 200]

Needs DATABASE_URL (PostgreSQL; scripts/with-postgres.sh starts a throwaway cluster). Writes the
export (WXR 1.2, written as a stream: half classic posts, half Gutenberg, with headings, lists,
links, quotes, captions, galleries, YouTube embeds, tags, 8 categories, 20 authors, featured images
for one post in three) and its media folder under var/bench/wordpress/, migrates the database, then
runs the command twice in a child process (production settings): the import, and a second run that
must change nothing. Prints wall-clock time, posts per second and the peak memory of each run.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "wordpress"
SITE = "https://blog.exemple.fr"
CATEGORIES = ["actualites", "business", "intelligence-artificielle", "recherche", "startups", "cybersecurite", "materiel", "politique"]
WORDS = [
    "modèle",
    "données",
    "calcul",
    "laboratoire",
    "recherche",
    "agent",
    "réseau",
    "puce",
    "serveur",
    "start-up",
    "levée",
    "fonds",
    "régulation",
    "Europe",
    "chercheurs",
    "entraînement",
    "inférence",
    "sécurité",
    "open",
    "source",
    "robotique",
    "vision",
    "langage",
    "usage",
]


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def classic_body(rng, images) -> str:
    parts = [paragraph(rng), paragraph(rng) + f' Voir <a href="https://exemple.fr/{rng.randint(1, 999)}">la source</a>.']
    parts.append(f"<h2>{sentence(rng)[:-1]}</h2>")
    parts.append(paragraph(rng))
    if images and rng.random() < 0.3:
        wp_id, path = rng.choice(images)
        parts.append(
            f'[caption id="attachment_{wp_id}" align="alignnone" width="640"]<img class="wp-image-{wp_id}" '
            f'src="{SITE}/wp-content/uploads/{path}" alt="Illustration" /> {sentence(rng)}[/caption]'
        )
    parts.append("<ul><li>" + "</li><li>".join(sentence(rng) for _ in range(3)) + "</li></ul>")
    if rng.random() < 0.1:
        parts.append(f"https://www.youtube.com/watch?v=bench{rng.randint(1, 99)}")
    parts.append(f"<blockquote>{sentence(rng)}<cite>Une chercheuse</cite></blockquote>")
    parts.append(paragraph(rng))
    return "\n\n".join(parts)


def gutenberg_body(rng, images) -> str:
    blocks = [f"<!-- wp:paragraph -->\n<p>{paragraph(rng)}</p>\n<!-- /wp:paragraph -->"]
    blocks.append(f'<!-- wp:heading -->\n<h2 class="wp-block-heading">{sentence(rng)[:-1]}</h2>\n<!-- /wp:heading -->')
    blocks.append(f"<!-- wp:paragraph -->\n<p>{paragraph(rng)} <strong>{sentence(rng)}</strong></p>\n<!-- /wp:paragraph -->")
    if images and rng.random() < 0.2:
        figures = "".join(
            f'<figure class="wp-block-image"><img src="{SITE}/wp-content/uploads/{path}" alt="Photo" class="wp-image-{wp_id}"/></figure>'
            for wp_id, path in rng.sample(images, 2)
        )
        blocks.append(f'<!-- wp:gallery -->\n<figure class="wp-block-gallery has-nested-images">{figures}</figure>\n<!-- /wp:gallery -->')
    blocks.append(
        f'<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>{sentence(rng)}</p><cite>Un fondateur</cite></blockquote>\n<!-- /wp:quote -->'
    )
    blocks.append(f'<!-- wp:heading {{"level":3}} -->\n<h3 class="wp-block-heading">{sentence(rng)[:-1]}</h3>\n<!-- /wp:heading -->')
    blocks.append(f"<!-- wp:paragraph -->\n<p>{paragraph(rng)}</p>\n<!-- /wp:paragraph -->")
    return "\n\n".join(blocks)


def item(wp_id, *, title, slug, content, post_type="post", status="publish", excerpt="", terms="", meta=None, extra="", when):
    meta_xml = "".join(
        f"<wp:postmeta><wp:meta_key>{cdata(k)}</wp:meta_key><wp:meta_value>{cdata(v)}</wp:meta_value></wp:postmeta>"
        for k, v in (meta or {}).items()
    )
    return f"""<item><title>{title}</title><link>{SITE}/{when[:10].replace("-", "/")}/{slug}/</link>
<dc:creator>{cdata(f"auteur{wp_id % 20}")}</dc:creator><guid isPermaLink="false">{SITE}/?p={wp_id}</guid>
<content:encoded>{cdata(content)}</content:encoded><excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>
<wp:post_id>{wp_id}</wp:post_id><wp:post_date>{cdata(when)}</wp:post_date><wp:post_date_gmt>{cdata(when)}</wp:post_date_gmt>
<wp:post_modified_gmt>{cdata(when)}</wp:post_modified_gmt><wp:post_name>{cdata(slug)}</wp:post_name><wp:status>{cdata(status)}</wp:status>
<wp:post_type>{cdata(post_type)}</wp:post_type><wp:post_password>{cdata("")}</wp:post_password>{extra}{terms}{meta_xml}</item>
"""


def write_export(path: Path, media: Path, *, posts: int, images: int, seed: int = 1) -> None:
    """Stream a WXR 1.2 export of `posts` posts and `images` image attachments, and their files."""
    from PIL import Image

    rng = random.Random(seed)  # noqa: S311 - synthetic text, not security
    attachments = []
    for number in range(images):
        wp_id = 1_000_000 + number
        relative = f"2024/{number % 12 + 1:02d}/illustration-{number}.jpg"
        target = media / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        buffer = BytesIO()
        Image.new("RGB", (800, 450), (number * 37 % 256, number * 91 % 256, 120)).save(buffer, "JPEG", quality=70)
        target.write_bytes(buffer.getvalue())
        attachments.append((wp_id, relative))
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            f'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel><title>Blog de banc d\'essai</title><link>{SITE}</link>'
            f"<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{SITE}</wp:base_site_url>\n"
        )
        for number in range(20):
            out.write(
                f"<wp:author><wp:author_login>{cdata(f'auteur{number}')}</wp:author_login>"
                f"<wp:author_display_name>{cdata(f'Autrice {number}')}</wp:author_display_name></wp:author>\n"
            )
        for number, nicename in enumerate(CATEGORIES, start=2):
            out.write(
                f"<wp:category><wp:term_id>{number}</wp:term_id><wp:category_nicename>{cdata(nicename)}</wp:category_nicename>"
                f"<wp:cat_name>{cdata(nicename.replace('-', ' ').capitalize())}</wp:cat_name></wp:category>\n"
            )
        for wp_id, relative in attachments:
            out.write(
                item(
                    wp_id,
                    title=f"Illustration {wp_id}",
                    slug=f"illustration-{wp_id}",
                    content="",
                    post_type="attachment",
                    status="inherit",
                    meta={"_wp_attached_file": relative, "_wp_attachment_image_alt": f"Illustration numéro {wp_id}"},
                    extra=f"<wp:attachment_url>{cdata(f'{SITE}/wp-content/uploads/{relative}')}</wp:attachment_url>",
                    when="2024-01-01 00:00:00",
                )
            )
        for wp_id in range(1, posts + 1):
            day = f"20{20 + wp_id % 6}-{wp_id % 12 + 1:02d}-{wp_id % 28 + 1:02d} {wp_id % 24:02d}:{wp_id % 60:02d}:00"
            status = "draft" if wp_id % 50 == 0 else "publish"
            categories = rng.sample(CATEGORIES, rng.randint(1, 2))
            terms = "".join(f'<category domain="category" nicename="{c}">{cdata(c.capitalize())}</category>' for c in categories)
            terms += "".join(
                f'<category domain="post_tag" nicename="mot-{t}">{cdata(f"Mot {t}")}</category>' for t in rng.sample(range(300), 3)
            )
            meta = {"_thumbnail_id": str(rng.choice(attachments)[0])} if attachments and wp_id % 3 == 0 else {}
            body = classic_body(rng, attachments) if wp_id % 2 else gutenberg_body(rng, attachments)
            title = sentence(rng)[:-1]
            out.write(
                item(
                    wp_id,
                    title=title,
                    slug=f"article-{wp_id}",
                    content=body,
                    status=status,
                    terms=terms,
                    meta=meta,
                    excerpt=sentence(rng) if wp_id % 4 else "",
                    when=day,
                )
            )
        out.write("</channel>\n</rss>\n")


# Each run's own peak memory: a fresh wrapper process reports the maximum resident size of its one child.
WRAPPER = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "print('PEAK', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)"
)


def run_import(export: Path, media: Path, report: Path, env: dict) -> tuple[float, float, str]:
    """(seconds, peak MiB of the import process, its stdout)."""
    command = [sys.executable, "manage.py", "import_wordpress", str(export), "--media", str(media), "--report", str(report)]
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", WRAPPER, *command], cwd=ROOT, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    seconds = time.monotonic() - started
    peak_kib = int(result.stderr.rsplit("PEAK", 1)[1].split()[0])
    return seconds, peak_kib / 1024, result.stdout


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--images", type=int, default=200)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL must point at PostgreSQL: run through scripts/with-postgres.sh")
    WORK.mkdir(parents=True, exist_ok=True)
    export, media = WORK / f"export-{args.posts}.xml", WORK / f"uploads-{args.images}"
    started = time.monotonic()
    write_export(export, media, posts=args.posts, images=args.images)
    say(
        f"Export written: {export.stat().st_size / 1e6:.1f} MB, {args.posts} posts, {args.images} images ({time.monotonic() - started:.1f} s)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "DJANGO_MEDIA_ROOT": str(WORK / "media"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    first, peak, out = run_import(export, media, WORK / "report-1.csv", env)
    say(out)
    say(f"First import: {first:.0f} s ({args.posts / first:.1f} posts/s), peak memory {peak:.0f} MiB")
    second, peak, out = run_import(export, media, WORK / "report-2.csv", env)
    say(out)
    say(f"Second run (nothing to change): {second:.0f} s, peak memory {peak:.0f} MiB")


if __name__ == "__main__":
    main()
