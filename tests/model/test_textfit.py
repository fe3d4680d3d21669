"""Text fitting and Danish hyphenation, with a measuring callback (both painters use it)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trappe.model.textfit import (
    Metrics,
    break_points,
    cut_to_box,
    elide,
    fit,
    fit_uniform,
    hyphenate_word,
    shrink_to_width,
    size_steps,
    wrap,
)


def mono(size: float) -> Metrics:
    """A monospaced font: every character is 0.6 × size wide, lines 1.2 × size."""
    return Metrics(lambda text: len(text) * size * 0.6, size * 1.2)


def width_of(text: str, size: float) -> float:
    return mono(size).measure(text)


def test_danish_break_points():
    def parts(word):
        return [word[:k] for k in break_points(word)]

    assert "Virksomheds" in parts("Virksomhedspraktik")
    assert "virksomheds" in parts("virksomhedskontakt")
    assert parts("Første") == ["Før"]
    assert "Virksomhedsp" not in parts("Virksomhedspraktik")
    assert "Virksomhed" not in parts("Virksomhedspraktik")  # never "Virksomhed-spraktik"
    for word in ("Uddannelse", "Jobafklaring"):
        assert all(2 <= k <= len(word) - 2 for k in break_points(word))


def test_hyphenation_breaks_at_the_furthest_fitting_syllable():
    m = mono(10).measure
    width = width_of("Virksomheds-", 10)
    assert hyphenate_word("Virksomhedspraktik", m, width) == ["Virksomheds-", "praktik"]
    assert hyphenate_word("Uddannelse", m, width_of("Uddan-", 10)) == ["Uddan-", "nelse"]
    # Syllables exist but none fits: a smaller size will do better than cutting letters.
    assert hyphenate_word("Uddannelse", m, width_of("Ud-", 10) - 1) is None
    # A word without syllable points (a name) is cut where the line is full.
    assert hyphenate_word("XXXXXXXXXX", m, width_of("XXXXX-", 10)) == ["XXXXX-", "XXXXX"]
    assert hyphenate_word("Job", m, 1) is None


def test_wrap_keeps_words_and_counts_hyphens():
    m = mono(10).measure
    lines, broken = wrap("4. Virksomhedspraktik", m, width_of("Virksomheds-", 10), hyphens=True)
    assert lines == ["4.", "Virksomheds-", "praktik"] and broken == 1
    assert wrap("Virksomhedspraktik", m, width_of("Virksomheds-", 10)) is None
    assert wrap("a b\nc", m, 1000) == (["a b", "c"], 0)


def test_fit_prefers_whole_words_unless_hyphens_give_a_much_larger_size():
    sizes = size_steps(20, 8)
    assert sizes[0] == 20 and sizes[-1] == 8 and list(sizes) == sorted(sizes, reverse=True)
    # A short text fits whole at the largest size.
    f = fit("1. Afklaring", mono, 200, 60, sizes)
    assert f.fits and f.size == 20 and f.lines == ("1. Afklaring",) and f.hyphens == 0
    # A long compound in a narrow box: whole only at a small size, hyphenated much larger.
    width = width_of("Virksomheds-", 16)
    f = fit("Virksomhedspraktik", mono, width, 100, sizes)
    assert f.fits and f.hyphens == 1 and f.size >= 16
    assert all(width_of(line, f.size) <= width + 1e-9 for line in f.lines)
    # Nothing fits: the smallest size, cut to the box with an ellipsis.
    f = fit("ord " * 100, mono, 60, 20, sizes)
    assert not f.fits and f.size == 8
    assert len(f.lines) * mono(8).line_height <= 20 + 0.5 and f.lines[-1].endswith("…")


def test_uniform_size_for_all_titles_and_the_unfit_are_named():
    titles = ["1. Afklaring", "4. Virksomhedspraktik", "7. Job eller uddannelse"]
    w = width_of("Virksomheds-", 14)
    plan = fit_uniform([(t, w, 60) for t in titles], mono, size_steps(18, 7))
    assert not plan.unfit
    assert all(f.size == plan.size for f in plan.fitted)
    for f in plan.fitted:
        assert len(f.lines) * mono(plan.size).line_height <= 60 + 0.01
        assert all(width_of(line, plan.size) <= w + 1e-9 for line in f.lines)
    # A title that fits at no size does not shrink the others.
    plan = fit_uniform([("1. Afklaring", 200, 30), ("x " * 200, 200, 30)], mono, (18, 12, 8))
    assert plan.unfit == {1} and plan.size == 18


def test_elide_and_shrink_to_width():
    m = mono(10).measure
    assert elide("kort", m, 1000) == "kort"
    cut = elide("en meget lang tekst", m, width_of("en meg…", 10))
    assert cut.endswith("…") and m(cut) <= width_of("en meg…", 10)
    assert elide("x", m, 0) == ""
    size, ok = shrink_to_width("01-12-26", mono, width_of("01-12-26", 11), size_steps(16, 7))
    assert ok and size <= 11
    size, ok = shrink_to_width("01-12-26", mono, 1, (16, 7))
    assert not ok and size == 7


@given(
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzæøå -\n"), max_size=120),
    st.floats(min_value=20, max_value=400),
    st.floats(min_value=5, max_value=200),
)
def test_fitted_text_never_overflows_its_box(text, width, height):
    """Whatever the text and box: every line fits the width, the lines fit the height (the
    smallest size's single line excepted), and a fit loses no letter."""
    f = fit(text, mono, width, height, size_steps(16, 6))
    metrics = mono(f.size)
    assert all(metrics.measure(line) <= width + 1e-6 for line in f.lines)
    if f.fits:
        assert len(f.lines) * metrics.line_height <= height + 0.01
        if f.hyphens == 0:
            assert "".join(f.lines).replace(" ", "") == "".join(text.split())
    else:
        assert len(cut_to_box(text, metrics, width, height)) == len(f.lines)
