"""``KeptPerList``: values kept per list object, never per equal list or reused id."""

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
