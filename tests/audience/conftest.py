"""A real SMTP server (aiosmtpd) that keeps what arrives, and a real worker process sending to it."""

import email
import email.policy
import threading
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.servers import free_port, task_worker, wait_for

ROOT = Path(__file__).resolve().parents[2]


class Mailbox:
    """What the SMTP server received, parsed: one `email.message.EmailMessage` per recipient."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        """Addresses starting with « refuse » do not exist here: a permanent 550, as a real server says."""
        if address.startswith("refuse"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.messages.append((recipient, message))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 90.0):
        """The first `count` messages, once arrived (generous deadline: 2 shared cores)."""
        wait_for(lambda: len(self.messages) >= count, f"{count} e-mail(s)", timeout=timeout)
        return self.messages[:count]

    def clear(self):
        with self.lock:
            self.messages.clear()


@pytest.fixture(scope="module")
def smtp_server():
    """An SMTP server on a free port for the whole module."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield mailbox, controller.port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def mail_worker(django_db_setup, smtp_server, tmp_path_factory):
    """One `db_worker` process on the test database, sending through the test SMTP server."""
    _mailbox, port = smtp_server
    log = tmp_path_factory.mktemp("audience-worker") / "worker.log"
    with task_worker(log, EMAIL_URL=f"smtp://127.0.0.1:{port}") as process:
        yield process


@pytest.fixture
def mailbox(smtp_server, mail_worker):
    """The SMTP server's mailbox, emptied for the test, with the worker running."""
    box, _port = smtp_server
    box.clear()
    return box
