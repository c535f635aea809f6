from django.urls import path

from planning.views import calendar_feed_view

urlpatterns = [path("agenda/<str:token>.ics", calendar_feed_view, name="planning_calendar_feed")]
