"""Public addresses of the audience app: /lettre/… for the newsletter, /audience/… for counting."""

from django.urls import path

from audience import views

app_name = "audience"

urlpatterns = [
    path("lettre/", views.subscribe, name="subscribe"),
    path("lettre/confirmer/<str:token>/", views.confirm, name="confirm"),
    path("lettre/gerer/<str:token>/", views.manage, name="manage"),
    path("lettre/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("audience/vu/<int:article_id>/", views.read_beacon, name="read"),
    path("audience/plus-lus/", views.most_read, name="most-read"),
]
