"""Build WordPress exports (WXR 1.1 and 1.2) for the tests, in our own French words.

The shape follows what WordPress's *Outils › Exporter* writes (wp-admin/includes/export.php):
namespaces, the channel's authors and categories, then one `<item>` per post, page or attachment
with its `wp:postmeta`. WXR 1.1 has no `post_modified_gmt`; 1.2 has it.
"""

from dataclasses import dataclass, field
from io import BytesIO
from xml.sax.saxutils import escape

from PIL import Image

SITE = "https://ancien-blog.exemple.fr"


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


@dataclass
class Post:
    wp_id: int
    title: str
    content: str = "<p>Un paragraphe.</p>"
    slug: str = ""
    status: str = "publish"
    post_type: str = "post"
    excerpt: str = ""
    creator: str = "claire"
    date_gmt: str = "2025-07-02 07:30:00"
    date: str = "2025-07-02 09:30:00"
    modified_gmt: str = "2025-07-03 08:00:00"
    link: str = ""
    categories: list = field(default_factory=lambda: [("actualites", "Actualités")])
    tags: list = field(default_factory=list)
    coauthors: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    password: str = ""
    attachment_url: str = ""
    comments: int = 0

    def xml(self, version: str) -> str:
        slug = self.slug or f"article-{self.wp_id}"
        link = self.link or f"{SITE}/2025/07/02/{slug}/"
        terms = "".join(f'<category domain="category" nicename="{n}">{cdata(name)}</category>' for n, name in self.categories)
        terms += "".join(f'<category domain="post_tag" nicename="{n}">{cdata(name)}</category>' for n, name in self.tags)
        terms += "".join(f'<category domain="author" nicename="cap-{login}">{cdata(name)}</category>' for login, name in self.coauthors)
        meta = "".join(
            f"<wp:postmeta><wp:meta_key>{cdata(k)}</wp:meta_key><wp:meta_value>{cdata(v)}</wp:meta_value></wp:postmeta>"
            for k, v in self.meta.items()
        )
        comments = "".join(
            f"<wp:comment><wp:comment_id>{n}</wp:comment_id><wp:comment_content>{cdata('Bravo')}</wp:comment_content></wp:comment>"
            for n in range(self.comments)
        )
        modified = (
            f"<wp:post_modified>{self.modified_gmt}</wp:post_modified><wp:post_modified_gmt>{self.modified_gmt}</wp:post_modified_gmt>"
        )
        attachment = f"<wp:attachment_url>{cdata(self.attachment_url)}</wp:attachment_url>" if self.attachment_url else ""
        return f"""
	<item>
		<title>{escape(self.title)}</title>
		<link>{escape(link)}</link>
		<pubDate>Wed, 02 Jul 2025 07:30:00 +0000</pubDate>
		<dc:creator>{cdata(self.creator)}</dc:creator>
		<guid isPermaLink="false">{SITE}/?p={self.wp_id}</guid>
		<description></description>
		<content:encoded>{cdata(self.content)}</content:encoded>
		<excerpt:encoded>{cdata(self.excerpt)}</excerpt:encoded>
		<wp:post_id>{self.wp_id}</wp:post_id>
		<wp:post_date>{cdata(self.date)}</wp:post_date>
		<wp:post_date_gmt>{cdata(self.date_gmt)}</wp:post_date_gmt>
		{modified if version == "1.2" else ""}
		<wp:comment_status>{cdata("open")}</wp:comment_status>
		<wp:ping_status>{cdata("open")}</wp:ping_status>
		<wp:post_name>{cdata(slug)}</wp:post_name>
		<wp:status>{cdata(self.status)}</wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type>{cdata(self.post_type)}</wp:post_type>
		<wp:post_password>{cdata(self.password)}</wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		{attachment}
		{terms}
		{meta}
		{comments}
	</item>"""


def attachment(wp_id: int, relative_path: str, *, title: str = "", alt: str = "", caption: str = "") -> Post:
    """An image attachment whose file is `relative_path` under wp-content/uploads."""
    meta = {"_wp_attached_file": relative_path}
    if alt:
        meta["_wp_attachment_image_alt"] = alt
    return Post(
        wp_id=wp_id,
        title=title or relative_path.rsplit("/", 1)[-1],
        content="",
        excerpt=caption,
        status="inherit",
        post_type="attachment",
        slug=f"image-{wp_id}",
        categories=[],
        meta=meta,
        attachment_url=f"{SITE}/wp-content/uploads/{relative_path}",
    )


AUTHORS = [
    ("claire", "Claire Dubreuil", "claire@example.org"),
    ("marc", "Marc Lefèvre", "marc@example.org"),
]
CATEGORIES = [
    (2, "actualites", "Actualités"),
    (3, "business", "Business"),
    (4, "intelligence-artificielle", "Intelligence artificielle"),
]


def wxr(posts, *, version: str = "1.2", site: str = SITE, authors=AUTHORS, categories=CATEGORIES) -> str:
    """A complete export holding `posts`."""
    author_xml = "".join(
        f"<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata(email)}</wp:author_email><wp:author_display_name>{cdata(name)}</wp:author_display_name>"
        f"<wp:author_first_name>{cdata('')}</wp:author_first_name><wp:author_last_name>{cdata('')}</wp:author_last_name></wp:author>"
        for n, (login, name, email) in enumerate(authors, start=1)
    )
    category_xml = "".join(
        f"<wp:category><wp:term_id>{term}</wp:term_id><wp:category_nicename>{cdata(nicename)}</wp:category_nicename>"
        f"<wp:category_parent>{cdata('')}</wp:category_parent><wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>"
        for term, nicename, name in categories
    )
    items = "".join(post.xml(version) for post in posts)
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->
<!-- generator="WordPress/6.6" created="2025-07-10 08:00" -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/{version}/"
>
<channel>
	<title>L'ancien blog</title>
	<link>{site}</link>
	<description>Réinventez demain avec l'IA</description>
	<pubDate>Thu, 10 Jul 2025 08:00:00 +0000</pubDate>
	<language>fr-FR</language>
	<wp:wxr_version>{version}</wp:wxr_version>
	<wp:base_site_url>{site}</wp:base_site_url>
	<wp:base_blog_url>{site}</wp:base_blog_url>
	{author_xml}
	{category_xml}
	<generator>https://wordpress.org/?v=6.6</generator>
	{items}
</channel>
</rss>
"""


def write_export(tmp_path, posts, name: str = "export.xml", **options):
    path = tmp_path / name
    path.write_text(wxr(posts, **options), encoding="utf-8")
    return path


def jpeg(color=(200, 60, 40), size=(320, 200)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def media_file(media_dir, relative_path: str, content: bytes | None = None):
    path = media_dir / relative_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if content is not None else jpeg())
    return path
