"""``KeptPerList``: values kept per list object, never per equal list or reused id."""

from tests.harness.threads import failures_in_threads
from trappe.model.kept import KeptPerList


def test_a_value_is_kept_for_that_very_list_only():
    kept = KeptPerList(2)
    a, b = [1, 2], [1, 2]
    kept.put(a, "of a")
    assert kept.get(a) == "of a"
    assert kept.get(b) is None  # equal, but another list


def test_the_oldest_goes_first_and_the_lists_are_held():
    kept = KeptPerList(2)
    lists = [[k] for k in range(3)]
    for k, of in enumerate(lists):
        kept.put(of, k)
    assert len(kept) == 2
    assert kept.get(lists[0]) is None
    assert [kept.get(of) for of in lists[1:]] == [1, 2]
    kept.put(lists[2], "again")  # the same list again: nothing else goes
    assert len(kept) == 2 and kept.get(lists[1]) == 1 and kept.get(lists[2]) == "again"
    del lists  # the kept lists are held, so their ids are not reused by new ones
    fresh = [[9] for _ in range(50)]
    assert all(kept.get(of) is None for of in fresh)


def test_two_threads_keeping_values_at_once_lose_nothing_and_stay_bounded():
    """The window and a sheet batch's thread both keep values (``picture.staircase_state``):
    dropping the oldest must not fail when the other thread has just changed what is kept."""
    kept = KeptPerList(4)

    def keep(_: int) -> None:
        for k in range(20_000):
            of = [k]
            kept.put(of, k)
            assert kept.get(of) in (k, None)  # (the other thread may have dropped it)

    failures = failures_in_threads(keep)
    assert not failures, repr(failures[0])
    assert len(kept) <= 4


class Freed:
    """Something whose freeing can be seen (a weak reference to it dies)."""


def test_values_dropped_while_held_are_freed_only_by_free_held():
    import weakref

    from trappe.model import kept as kept_module

    kept = KeptPerList(1)
    first, second = [1], [2]
    value = Freed()
    gone = weakref.ref(value)
    kept.put(first, value)
    del value
    kept_module.hold_drops()
    try:
        kept.put(second, Freed())  # drops the first list's value: held, not freed
        assert gone() is not None
    finally:
        kept_module.free_held()
    assert gone() is None
    again = Freed()
    gone = weakref.ref(again)
    kept.put(first, again)  # (the second list's value goes: not held any more)
    del again
    kept.put(second, Freed())
    assert gone() is None  # freed at once again


def test_at_most_held_most_values_are_held():
    from trappe.model import kept as kept_module

    kept_module.hold_drops()
    try:
        for _ in range(kept_module.HELD_MOST + 10):
            kept_module.drop(Freed())
        assert len(kept_module._held) == kept_module.HELD_MOST
    finally:
        kept_module.free_held()
    assert kept_module._held == []
