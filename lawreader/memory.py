"""Memory habits of the heavy jobs: an import, a comparison of two editions."""

import gc
from contextlib import contextmanager


@contextmanager
def cyclic_collection_paused():
    """Hold off Python's cycle collector for a job that builds hundreds of thousands of objects (parsed nodes, rows,
    diff trees, changes) and leaves no reference cycles: run again and again as they pile up, the collector would
    walk them all each time for nothing (a tenth to a fifth of such a job). Reference counting still frees
    everything; the collector resumes when the block ends, also on an error, unless something else had switched it
    off. Also a decorator."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
