from django.urls import path

from lawreader.compare import views

app_name = "compare"
urlpatterns = [
    path("<slug:slug>/compare/", views.choose, name="choose"),
    path("<slug:slug>/compare/<isodate:first>/to/<isodate:second>/", views.editions, name="editions"),
    path("<slug:slug>/history/<eid:eid>/", views.history, name="history"),
]
