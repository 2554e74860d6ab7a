"""Fixtures of the ingest tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def interrupt_writer(monkeypatch):
    """A function that makes the import's event writer raise KeyboardInterrupt at its third event from then on (a
    process stopped mid-import); it returns a function that puts the writer back."""
    from diplokg.ingest.event_triples import EventWriter

    original = EventWriter.text

    def interrupt():
        calls = []

        def failing(self, event):
            calls.append(event)
            if len(calls) == 3:
                raise KeyboardInterrupt
            return original(self, event)

        monkeypatch.setattr(EventWriter, "text", failing)
        return lambda: monkeypatch.setattr(EventWriter, "text", original)

    return interrupt
