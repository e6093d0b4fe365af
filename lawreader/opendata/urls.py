"""The law as data: the JSON API, Akoma Ntoso, feeds, downloads."""

urlpatterns = []
