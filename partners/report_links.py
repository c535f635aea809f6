"""Signed, expiring links to one partner's report: no account, nothing stored, nothing to guess.

The link carries the partner, the period and the last valid day, signed with the project's secret
key (`django.core.signing`, its own salt): changing any figure of it breaks the signature. It
expires at the end of its last day, Paris time. Archiving the partner revokes its links; rotating
SECRET_KEY revokes every link at once.
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse

from partners.models import Partner, paris_today
from partners.stats import period_label

SALT = "partners.report-link"
DEFAULT_VALIDITY_DAYS = 30
MAX_VALIDITY_DAYS = 90


class ReportLinkError(Exception):
    """The link is forged, altered, expired or for a partner that is gone; `message` says which, in French."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReportLink:
    partner: Partner
    start: datetime.date
    end: datetime.date
    expires: datetime.date


def make_token(partner: Partner, *, start: datetime.date, end: datetime.date, days: int = DEFAULT_VALIDITY_DAYS) -> str:
    """The signed token of a link valid `days` days from today (Paris), `days` between 1 and MAX_VALIDITY_DAYS."""
    days = max(1, min(days, MAX_VALIDITY_DAYS))
    expires = paris_today() + datetime.timedelta(days=days)
    return signing.dumps(
        {"p": partner.pk, "s": start.isoformat(), "e": end.isoformat(), "x": expires.isoformat()}, salt=SALT, compress=True
    )


def report_url(partner: Partner, *, start: datetime.date, end: datetime.date, days: int = DEFAULT_VALIDITY_DAYS) -> str:
    """The path of the report page for `partner` over [start, end]."""
    return reverse("partners:report", kwargs={"token": make_token(partner, start=start, end=end, days=days)})


def read_token(token: str) -> ReportLink:
    """The link's partner and period, or ReportLinkError (one query for the partner)."""
    try:
        data = signing.loads(token, salt=SALT)
        start = datetime.date.fromisoformat(data["s"])
        end = datetime.date.fromisoformat(data["e"])
        expires = datetime.date.fromisoformat(data["x"])
        partner_id = int(data["p"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ReportLinkError("Ce lien de rapport n’est pas valide : vérifiez qu’il a été copié en entier.") from None
    if paris_today() > expires:
        raise ReportLinkError(
            f"Ce lien de rapport a expiré le {period_label(expires, 'day')} : demandez-en un nouveau à votre contact commercial."
        )
    partner = Partner.objects.filter(pk=partner_id, archived=False).first()
    if partner is None:
        raise ReportLinkError("Ce rapport n’est plus disponible : demandez-en un nouveau à votre contact commercial.")
    return ReportLink(partner=partner, start=start, end=end, expires=expires)
