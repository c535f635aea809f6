"""Edge purges never hold up a publication: a Varnish that accepts and stays silent is given up on."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsroom.edge_purge import TimeoutHTTPBackend


@pytest.fixture
def silent_listener():
    """A TCP port that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    yield server.getsockname()[1]
    server.close()


@pytest.fixture
def purge_recorder():
    """A tiny HTTP server recording the PURGE requests it gets."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append((self.path, self.headers["Host"]))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], received
    server.shutdown()


def test_a_silent_edge_is_logged_and_given_up(silent_listener, settings, caplog):
    settings.NEWSROOM_EDGE_PURGE_TIMEOUT = 0.3
    backend = TimeoutHTTPBackend({"LOCATION": f"http://127.0.0.1:{silent_listener}"})

    backend.purge("https://news.example.org/business/")  # returns instead of waiting for ever

    assert "Couldn't purge 'https://news.example.org/business/'" in caplog.text
    assert "timed out" in caplog.text


def test_purge_reaches_the_edge_with_the_site_host(purge_recorder, settings):
    port, received = purge_recorder
    backend = TimeoutHTTPBackend({"LOCATION": f"http://127.0.0.1:{port}"})

    backend.purge("https://news.example.org/business/?page=2")

    assert received == [("/business/?page=2", "news.example.org")]
