# Site-specific part of the edge cache for several app servers (copy it to newsroom-site.vcl on
# the Varnish host). Requests are spread round-robin over the healthy ones; a server whose
# /health/ fails is taken out until it answers again.

import directors;

probe newsroom_health {
    # The Host header must be one of DJANGO_ALLOWED_HOSTS (Django answers 400 otherwise).
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

backend app1 {
    .host = "10.0.0.11";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
    .probe = newsroom_health;
}

backend app2 {
    .host = "10.0.0.12";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
    .probe = newsroom_health;
}

# Every app server publishes (and purges): all of them, and nothing else.
acl newsroom_purgers {
    "10.0.0.11";
    "10.0.0.12";
}

sub vcl_init {
    new newsroom_apps = directors.round_robin();
    newsroom_apps.add_backend(app1);
    newsroom_apps.add_backend(app2);
}

sub newsroom_backend {
    set req.backend_hint = newsroom_apps.backend();
}
