"""Parts of a sheet that look the same on many sheets, drawn once per batch as PDF forms.

A batch of 100,000 sheets repeats the header, the legend, the staircase's frame, the markers,
the step descriptions and many texts (labels, dates, staff names). Each is drawn once per
canvas into a form XObject and shown wherever it is needed: the printed result is the same,
the drawing work and the file are smaller. A canvas keeps its forms in ``reused`` (a
``SheetCanvas``); any other canvas is simply drawn on.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from reportlab.lib.rl_accel import fp_str

T = TypeVar("T")


def show_moved(canv: Any, name: str, dx: float, dy: float) -> None:
    """Show form ``name`` moved by (dx, dy): what ``saveState``, ``translate``, ``doForm``
    and ``restoreState`` write to the page, the same bytes, without reportlab copying and
    restoring the canvas's whole state (nothing between the two changes it). A batch shows
    some 25 forms a sheet."""
    code = canv._code
    code.append("q")
    code.append(fp_str(1, 0, 0, 1, dx, dy) + " cm")
    canv.doForm(name)
    code.append("Q")


def reuse(canv: Any, key: Hashable, top: float, draw: Callable[[float], T]) -> T:
    """Draw what is the same on every sheet of a batch once, as a form XObject.

    ``draw(top)`` paints a part whose look depends on ``key`` alone, with its top at ``top``
    (PDF y), and returns what the caller needs to know about it (a height, a y). The first
    time a canvas meets ``key`` the part is drawn into a form; every later sheet shows the
    form, moved to its own ``top``, and gets the same result back. A batch of 100,000 sheets
    then writes the staircase's frame, the legend and the header once, not 100,000 times.
    ``canv`` is any canvas: one that is not a ``SheetCanvas`` simply draws.
    """
    forms = getattr(canv, "reused", None)
    if forms is None:
        return draw(top)
    hit = forms.get(key)
    if hit is None:
        name = f"TrappeReused{len(forms) + 1}"
        forms[key] = (name, top, None)  # the name taken before a form drawn inside it
        canv.beginForm(name)
        result = draw(top)
        canv.endForm()
        forms[key] = hit = (name, top, result)
    name, first_top, result = hit
    if top == first_top:
        canv.doForm(name)
    else:
        show_moved(canv, name, 0, top - first_top)
    return result


def stamp(canv: Any, key: Hashable, x: float, y: float, draw: Callable[[Any], None]) -> None:
    """Draw a part that looks the same wherever it stands once per batch, as a form.

    ``draw(canv)`` paints the part with its anchor at (0, 0); each use shows it with the
    anchor at (``x``, ``y``). The form holds the first use where it stands (so a reader of
    one sheet's text positions finds them where they are), later uses move it. A canvas
    that is not a ``SheetCanvas`` is simply drawn on."""
    forms = getattr(canv, "reused", None)
    if forms is None:
        canv.saveState()
        canv.translate(x, y)
        draw(canv)
        canv.restoreState()
        return
    hit = forms.get(key)
    if hit is None:
        name = f"TrappeReused{len(forms) + 1}"
        forms[key] = (name, (x, y), None)
        canv.beginForm(name)
        canv.saveState()
        canv.translate(x, y)
        draw(canv)
        canv.restoreState()
        canv.endForm()
        canv.doForm(name)
        return
    name, (x0, y0), _ = hit
    show_moved(canv, name, x - x0, y - y0)
