"""A real HTTP receiver that checks signatures, and a real background worker process."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.servers import free_port, task_worker, wait_for
from webhooks.signing import SIGNATURE_HEADER, verify

ROOT = Path(__file__).resolve().parents[2]
SECRET = "secret-de-test-partage-avec-le-destinataire"


class Receiver:
    """A local HTTP server: records each request, verifies its signature, answers `statuses` in turn."""

    def __init__(self, statuses=(200,)):
        self.statuses = list(statuses)
        self.requests = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.lock:
                    status = receiver.statuses[min(len(receiver.requests), len(receiver.statuses) - 1)]
                    receiver.requests.append(
                        {
                            "headers": dict(self.headers),
                            "body": json.loads(body),
                            "signed": verify(SECRET, body, self.headers.get(SIGNATURE_HEADER, "")),
                        }
                    )
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/newsroom"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, count: int, timeout: float = 90.0):
        """The first `count` requests, once they have arrived (generous deadline: 2 shared cores)."""
        wait_for(lambda: len(self.requests) >= count, f"{count} webhook request(s)", timeout=timeout)
        return self.requests[:count]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def make_receiver():
    receivers = []

    def make(statuses=(200,)):
        receiver = Receiver(statuses)
        receivers.append(receiver)
        return receiver

    yield make
    for receiver in receivers:
        receiver.close()


@pytest.fixture
def worker(tmp_path):
    """One `db_worker` process on the test database, as `make serve` starts it."""
    with task_worker(tmp_path / "worker.log") as process:
        yield process
