vcl 4.1;
# Newsroom edge cache: Varnish (Debian's `varnish`, 7.x) in front of the app (`make serve`).
#
# The app decides what may be cached: an anonymous public page answers
# `Cache-Control: public, max-age=0, s-maxage=<NEWSROOM_EDGE_TTL>` and an ETag, and publishing,
# unpublishing, moving or deleting an article PURGEs the exact paths that show it (Wagtail's
# frontend cache, NEWSROOM_VARNISH_URL). So the TTL can be long: content changes reach readers
# through purges, not through expiry. Anything the app does not mark `public` is never stored.
#
# The site-specific part (app servers, their health probe, who may purge) lives in
# newsroom-site.vcl, found through varnishd's vcl_path: this file stays the same everywhere.
#
# varnishd must listen twice: readers' traffic (from nginx) on one address, and the app's purges
# on an address named `purge`, e.g.
#   varnishd -a public=127.0.0.1:6081 -a purge=127.0.0.1:6091 -f /etc/varnish/newsroom.vcl ...
# A PURGE is accepted only on the `purge` listener AND from an address of the newsroom_purgers
# ACL: a PURGE relayed by nginx arrives on the public listener from 127.0.0.1 and is refused
# with 405, even though loopback is in the ACL.

import std;

include "newsroom-site.vcl";

sub vcl_recv {
    call newsroom_backend;

    if (req.method == "PURGE") {
        if (local.socket != "purge") {
            return (synth(405));
        }
        if (client.ip !~ newsroom_purgers) {
            return (synth(403));
        }
        # `PURGE /*` drops every page: one ban, for changes shown everywhere (a rubrique renamed,
        # the site identity) that would otherwise mean one purge per article.
        if (req.url == "/*") {
            if (std.ban("obj.http.x-path ~ ^/")) {
                return (synth(200, "Purged"));
            }
            return (synth(400, std.ban_error()));
        }
        # A purge names a path; every query variant of it goes (?page=2, ?utm_…). An exact
        # string comparison on the stored path needs no regex escaping, and a ban that only
        # looks at obj.* is evaluated by the ban lurker in the background, so bans do not pile up.
        if (std.ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""))) {
            return (synth(200, "Purged"));
        }
        return (synth(400, std.ban_error()));
    }

    if (req.method !~ "^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$") {
        return (synth(405));
    }
    # Forms, the admin's API calls, uploads: straight to the app, never stored.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # The admin, the health check, the partner click counter, preview links and private calendar
    # feeds must always reach the app
    # (the app already marks them uncacheable; this saves a useless lookup).
    if (req.url ~ "^/(admin|health|partenaires|apercu|planning)(/|\?|$)") {
        return (pass);
    }
    # A session or CSRF cookie (Django's sessionid and csrftoken) means someone who may see
    # drafts, the userbar or a form: their requests always go to the app. Every other cookie
    # (analytics, consent banners…) is irrelevant to the pages and is dropped, so that readers
    # share one cached copy.
    if (req.http.Cookie ~ "(^|;)\s*(sessionid|csrftoken)=") {
        return (pass);
    }
    unset req.http.Cookie;

    # One cached copy per page, whatever the order of the query parameters and whatever
    # campaign tags were appended to the link. The app drops exactly the same names, in any case,
    # with or without a value, before it renders a page (newsroom/page_cache.py TRACKING_PARAMS;
    # tests/deploy checks the two lists agree), so a stored page never shows them.
    if (req.url ~ "(?i)[?&](utm_[^=&]*|dclid|fbclid|gclid|mc_cid|mc_eid|msclkid|xtor|_ga)(=|&|$)") {
        set req.url = regsuball(req.url, "(?i)(?<=[?&])(utm_[^=&]*|dclid|fbclid|gclid|mc_cid|mc_eid|msclkid|xtor|_ga)(=[^&]*)?(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    set req.url = std.querysort(req.url);
    set req.url = regsub(req.url, "\?$", "");

    # Varnish stores one gzipped copy and gunzips it for the rare client without gzip.
    if (req.http.Accept-Encoding ~ "gzip") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    # The site is French only, but Django's LocaleMiddleware answers `Vary: Accept-Language`:
    # without this, every browser language would get its own copy of every page.
    unset req.http.Accept-Language;

    # Stale-while-revalidate: an expired page is served at once while a background fetch
    # refreshes it, for 10 s past its TTL when the app is healthy, and for the whole grace
    # (beresp.grace below) when the health probe says it is down: a short outage never
    # reaches readers for pages already in the cache.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(std.tolower(req.http.host));
    } else {
        hash_data(server.ip);
    }
    # The TLS proxy says which scheme the reader used; the app redirects plain HTTP, so the two
    # must never share a copy.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # Kept on the stored object for bans (lurker-friendly: bans test obj.*, never req.*).
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    set beresp.http.x-host = bereq.http.host;

    if (bereq.uncacheable) {
        return (deliver);
    }
    # A background refresh that fails keeps the stale copy: readers never see the error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Only what the app explicitly marks public is stored; never a response setting a cookie.
    # Uncacheable answers become hit-for-miss for 2 minutes (requests are not queued behind each
    # other, and a later cacheable answer replaces the marker at once).
    if (beresp.http.Set-Cookie
        || beresp.http.Vary == "*"
        || beresp.http.Cache-Control !~ "(?i)(^|,)\s*public\s*(,|$)"
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # beresp.ttl already comes from s-maxage (then max-age). The grace covers outages; `keep`
    # lets Varnish revalidate an expired copy with If-None-Match (the app answers 304).
    set beresp.grace = 24h;
    set beresp.keep = 24h;
    if (beresp.http.Content-Type ~ "(?i)^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript)|image/svg\+xml)") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_backend_error {
    # The app is unreachable: keep a stale copy if a background refresh was under way.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "10";
    set beresp.http.Cache-Control = "no-store";
    synthetic({"<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Site momentanément indisponible</title></head>
<body><h1>Site momentanément indisponible</h1>
<p>Nos serveurs ne répondent pas pour l’instant. Réessayez dans quelques instants.</p></body></html>
"});
    return (deliver);
}

sub vcl_deliver {
    # Diagnostics: HIT (from the cache, possibly stale), MISS (fetched and stored), PASS (never
    # stored). Age is set by Varnish itself.
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Only this edge receives the app's purges: caches further down the line (corporate proxies,
    # a CDN) must not keep a page for s-maxage seconds they would never be told to drop.
    if (resp.http.Cache-Control ~ "s-maxage") {
        set resp.http.Cache-Control = regsub(resp.http.Cache-Control, "s-maxage=\d+", "s-maxage=0");
    }
    unset resp.http.x-path;
    unset resp.http.x-host;
    unset resp.http.Via;
    return (deliver);
}

sub vcl_synth {
    # Reason phrases stay ASCII (HTTP clients read them as Latin-1); the bodies are French.
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.http.Cache-Control = "no-store";
    if (resp.status == 200) {
        synthetic({"Purgé.
"});
    } elsif (resp.status == 403) {
        synthetic({"Accès refusé : cette adresse ne peut pas purger le cache.
"});
    } elsif (resp.status == 405) {
        set resp.http.Allow = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
        synthetic({"Méthode non autorisée.
"});
    } else {
        synthetic({"Requête refusée : "} + resp.reason + {"
"});
    }
    return (deliver);
}
