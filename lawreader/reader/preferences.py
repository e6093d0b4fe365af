"""The reader's choice of notes: shown or hidden, and which kinds. Query parameters first, then the session."""

from dataclasses import dataclass

from lawreader.store.models.annotations import AnnotationKind

NOTE_KINDS = [kind for kind, _label in AnnotationKind.choices]
SESSION_KEY = "note_preferences"


@dataclass
class NotePreferences:
    shown: bool = True
    kinds: tuple = tuple(NOTE_KINDS)

    @property
    def query_kinds(self):
        """None for every kind; a list (maybe empty) to filter by."""
        if not self.shown:
            return []
        return None if set(self.kinds) == set(NOTE_KINDS) else list(self.kinds)


def note_preferences(request):
    """`?notes=hidden|shown`, and from the filter form `notes_form=1&kind=…`; remembered in the session."""
    params = request.GET
    if "notes" not in params and "notes_form" not in params:
        saved = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if not isinstance(saved, dict):
            return NotePreferences()
        kinds = tuple(kind for kind in saved.get("kinds", NOTE_KINDS) if kind in NOTE_KINDS)
        return NotePreferences(shown=bool(saved.get("shown", True)), kinds=kinds)
    if "notes_form" in params:
        preferences = NotePreferences(
            shown=params.get("notes") == "shown",
            kinds=tuple(kind for kind in params.getlist("kind") if kind in NOTE_KINDS),
        )
    else:
        preferences = NotePreferences(shown=params.get("notes") != "hidden")
    request.session[SESSION_KEY] = {"shown": preferences.shown, "kinds": list(preferences.kinds)}
    return preferences
