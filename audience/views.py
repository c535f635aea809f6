"""The reader's pages: sign up, confirm, manage, leave (one-click unsubscribe of RFC 8058)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from audience import selectors, services
from audience.forms import ManageForm, SubscribeForm
from audience.tokens import read_confirmation, read_manage
from entities.groups import current_subsidiaries
from entities.models import Entity

ENTITY_PARAM = "suivre"
# The entity page's « et ses filiales » box, ticked by the reader there: ticked here too.
GROUP_PARAM = "filiales"


def _render(request, template, context=None, status=200):
    return render(request, f"audience/{template}.html", context or {}, status=status)


def _invalid_link(request):
    return _render(request, "invalid_link", status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The sign-up page (the footer and entity forms lead here with the address and entity)."""
    slugs = request.POST.getlist(ENTITY_PARAM) if request.method == "POST" else request.GET.getlist(ENTITY_PARAM)
    entities = list(Entity.objects.filter(live=True, slug__in=slugs[:10]).order_by("name"))
    groups = current_subsidiaries(entity.pk for entity in entities)
    if request.method == "POST":
        form = SubscribeForm(request.POST, entities=entities, groups=groups)
        if form.is_valid():
            if form.is_robot() or services.signup_rate_exceeded(request):
                return _render(request, "check_inbox")  # the same answer: nothing tells a robot it was caught
            services.request_subscription(
                email=form.cleaned_data["email"],
                daily=form.cleaned_data["daily"],
                weekly=form.cleaned_data["weekly"],
                entity_ids=form.chosen_entities(),
                group_ids=form.chosen_subsidiaries(),
            )
            return _render(request, "check_inbox")
        status = 400
    else:
        # The entity the reader asked to follow is ticked, and « et ses filiales » only if the reader
        # ticked it on the entity page; no list and never the consent box.
        with_group = set(request.GET.getlist(GROUP_PARAM))
        initial = {
            "email": request.GET.get("email", "")[:254],
            "entities": [entity.pk for entity in entities],
            "subsidiaries": [entity.pk for entity in entities if entity.slug in with_group and groups.get(entity.pk)],
        }
        form = SubscribeForm(initial=initial, entities=entities, groups=groups)
        status = 200
    return _render(request, "subscribe", {"form": form, "entities": entities}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """A confirmation link: a button that confirms (a POST, so link scanners confirm nothing)."""
    payload = read_confirmation(token)
    if payload is None:
        return _invalid_link(request)
    if request.method == "POST":
        subscriber = services.confirm_subscription(payload)
        from audience.messages import subscriber_links

        return _render(request, "confirmed", {"subscriber": subscriber, **subscriber_links(subscriber)})
    return _render(request, "confirm", {"email": payload["e"]})


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    """The subscriber's own page: lists and followed entities, and the way out."""
    subscriber = read_manage(token)
    if subscriber is None:
        return _invalid_link(request)
    entities = selectors.followed_entities(subscriber)
    groups = current_subsidiaries(entity.pk for entity in entities)
    saved = False
    if request.method == "POST":
        form = ManageForm(request.POST, entities=entities, groups=groups)
        if form.is_valid():
            services.update_subscription(
                subscriber,
                daily=form.cleaned_data["daily"],
                weekly=form.cleaned_data["weekly"],
                entity_ids=form.chosen_entities(),
                group_ids=form.chosen_subsidiaries(),
            )
            entities = selectors.followed_entities(subscriber)
            saved = True
    initial = {
        "daily": subscriber.daily,
        "weekly": subscriber.weekly,
        "entities": [entity.pk for entity in entities],
        "subsidiaries": [entity.pk for entity in entities if entity.followed_with_subsidiaries],
    }
    if request.method != "POST" or saved:
        form = ManageForm(initial=initial, entities=entities, groups=groups)
    context = {"form": form, "subscriber": subscriber, "token": token, "saved": saved}
    return _render(request, "manage", context, status=400 if form.is_bound and not saved else 200)


@csrf_exempt  # RFC 8058: mail clients POST without cookies; the signed link is the proof
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a page with one button. POST (the button, or a mail client's one-click): leave now."""
    subscriber = read_manage(token)
    if request.method == "POST":
        if subscriber is not None:
            services.leave(subscriber, never_again=request.POST.get("never_again") == "1")
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("Désabonnement effectué.", content_type="text/plain; charset=utf-8")
        return _render(request, "left")
    if subscriber is None:
        return _invalid_link(request)
    return _render(request, "unsubscribe", {"token": token, "email": subscriber.email})


@csrf_exempt  # a beacon carries no cookie and changes nothing a reader could be tricked into
@require_http_methods(["POST"])
def read_beacon(request, article_id):
    """`navigator.sendBeacon` from an article: count the read, answer nothing (204)."""
    from audience.readership import count_read

    count_read(request, article_id=article_id)
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET"])
def most_read(request):
    """The « Les plus lus » box as an HTML fragment, fetched by the pages that show it."""
    from audience.readership import most_read_box

    # Kept by the page cache for NEWSROOM_PAGE_CACHE_SHORT_TTLS["/audience/plus-lus/"] seconds.
    return HttpResponse(most_read_box())
