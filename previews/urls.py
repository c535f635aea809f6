from django.urls import path

from previews.views import preview_view

urlpatterns = [path("<str:token>/", preview_view, name="preview_link")]
