from django.urls import path

from lawreader.reader import views

app_name = "reader"
urlpatterns = [
    path("", views.library, name="library"),
    path("<slug:slug>/", views.current_edition, name="law"),
    path("<slug:slug>/on/", views.go_to_date, name="go_to_date"),
    path("<slug:slug>/on/<isodate:date>/", views.edition_on, name="edition"),
    path("<slug:slug>/on/<isodate:date>/contents/", views.contents_on, name="contents"),
    path("<slug:slug>/on/<isodate:date>/<eid:eid>/", views.provision_on, name="provision"),
]
