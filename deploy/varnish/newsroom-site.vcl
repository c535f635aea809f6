# Site-specific part of the edge cache, included by newsroom.vcl (found through vcl_path).
# This example: one app server (`make serve`) on the same host. For several app servers, see
# newsroom-site.several-hosts.vcl and deploy/README.md.

backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    # Above gunicorn's 30 s worker timeout: gunicorn answers first, Varnish never cuts it short.
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
    # /health/ answers 503 when the database is down: the backend is then "sick" and readers get
    # stale copies for up to 24 h instead of errors. The Host header must be one of
    # DJANGO_ALLOWED_HOSTS, or Django answers 400 and the app is always seen as down.
    .probe = {
        .request =
            "GET /health/ HTTP/1.1"
            "Host: www.example.fr"
            "User-Agent: Varnish health probe"
            "Connection: close";
        .expected_response = 200;
        .interval = 2s;
        .timeout = 1s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# Who may PURGE (on the `purge` listener only): the app servers' addresses.
acl newsroom_purgers {
    "127.0.0.1";
    "::1";
}

sub newsroom_backend {
    set req.backend_hint = app1;
}
