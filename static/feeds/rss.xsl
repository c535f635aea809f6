<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows an RSS feed as a readable French page in a browser. Feed readers ignore it: the feed
     stays plain RSS 2.0. No inline style or script (the site's CSP): one stylesheet of ours. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>
  <xsl:template match="/rss/channel">
    <html lang="fr">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="title"/> (flux RSS)</title>
        <link rel="stylesheet" href="/static/css/feed.css"/>
      </head>
      <body>
        <main class="feed">
          <p class="feed__notice">Vous consultez un <strong>flux RSS</strong>. Copiez l’adresse de cette page dans votre lecteur de flux (Feedly, NetNewsWire, Thunderbird…) pour suivre nos articles.</p>
          <h1><xsl:value-of select="title"/></h1>
          <p class="feed__description"><xsl:value-of select="description"/></p>
          <p><a href="{link}">Voir le site</a></p>
          <ol class="feed__items">
            <xsl:for-each select="item">
              <li>
                <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
                <p class="feed__meta"><xsl:value-of select="pubDate"/><xsl:if test="dc:creator"> · <xsl:for-each select="dc:creator"><xsl:value-of select="."/><xsl:if test="position() != last()">, </xsl:if></xsl:for-each></xsl:if></p>
                <p><xsl:value-of select="description"/></p>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
