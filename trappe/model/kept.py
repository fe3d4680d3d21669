"""What is worked out from a list that is never changed once read, kept with that list.

A citizen's placements and meetings come back as the same list objects while the citizen is
unchanged (``records``); what the panes work out from them (the staircase now, the open
agreements, the chart's series) is kept per list. The list itself is held beside its value,
so its ``id`` cannot be reused by another list while the value is kept.

A value dropped from here (or a citizen's rows dropped by ``records``) may hold the last
reference to hundreds of placements and meetings, and freeing them takes a good part of a
millisecond. While the window draws a newly opened citizen (``hold_drops``), what is dropped
waits in a short list and is freed once the frame is on screen (``free_held``), instead of in the
middle of filling the panes.
"""

from __future__ import annotations

from typing import Any


class KeptPerList:
    """Values keyed on a list's identity; the last ``size`` kept (the oldest goes first)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: dict[int, tuple[list, Any]] = {}

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, of: list) -> Any:
        """The value kept for ``of`` (this very list), or None."""
        found = self._kept.get(id(of))
        return found[1] if found is not None and found[0] is of else None

    def put(self, of: list, value: Any) -> None:
        kept = self._kept
        if id(of) not in kept and len(kept) >= self.size:
            # A sheet batch's thread keeps values too: the oldest are dropped from a copy of
            # the keys (made in one step under the GIL), and one the other thread has dropped
            # already is let be.
            for stale in list(kept)[: len(kept) - self.size + 1]:
                drop(kept.pop(stale, None))
        kept[id(of)] = (of, value)


HELD_MOST = 64  # dropped values held at most (beyond these, freed at once as before)
_held: list[Any] = []
_holding = False


def hold_drops() -> None:
    """From now until ``free_held``, values dropped are held rather than freed."""
    global _holding
    _holding = True


def drop(value: Any) -> None:
    """Let go of ``value``: held while ``hold_drops`` is on (up to ``HELD_MOST``), else at once."""
    if _holding and len(_held) < HELD_MOST:
        _held.append(value)


def free_held() -> None:
    """Free what was held, and free what is dropped at once again."""
    global _holding
    _holding = False
    _held.clear()
