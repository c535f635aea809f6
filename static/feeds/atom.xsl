<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows an Atom feed as a readable French page in a browser; feed readers ignore it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="fr">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> (flux Atom)</title>
        <link rel="stylesheet" href="/static/css/feed.css"/>
      </head>
      <body>
        <main class="feed">
          <p class="feed__notice">Vous consultez un <strong>flux Atom</strong>. Copiez l’adresse de cette page dans votre lecteur de flux pour suivre nos articles.</p>
          <h1><xsl:value-of select="atom:title"/></h1>
          <xsl:if test="atom:subtitle"><p class="feed__description"><xsl:value-of select="atom:subtitle"/></p></xsl:if>
          <p><a href="{atom:link[@rel='alternate']/@href}">Voir le site</a></p>
          <ol class="feed__items">
            <xsl:for-each select="atom:entry">
              <li>
                <h2><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
                <p class="feed__meta"><xsl:value-of select="atom:published"/><xsl:if test="atom:author"> · <xsl:for-each select="atom:author"><xsl:value-of select="atom:name"/><xsl:if test="position() != last()">, </xsl:if></xsl:for-each></xsl:if></p>
                <p><xsl:value-of select="atom:summary"/></p>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
