from django.urls import path

from lawreader.compare import views

app_name = "compare"
urlpatterns = [
    path("<slug:slug>/compare/", views.choose, name="choose"),
    path("<slug:slug>/compare/<isodate:first>/to/<isodate:second>/", views.editions, name="editions"),
    path("<slug:slug>/history/<eid:eid>/", views.history, name="history"),
    path("<slug:slug>/amendments/", views.amendments, name="amendments"),
    path("<slug:slug>/amendments/<int:act>/", views.amending_act, name="amending_act"),
]
