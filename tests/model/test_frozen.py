"""``@frozen`` value classes behave as the frozen dataclasses they replace on the start path."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from trappe.model.frozen import Factory, FrozenInstanceError, field_names, frozen, replace


@frozen
class Point:
    x: int
    label: str = "p"
    tags: list[str] = Factory(list)


@dataclasses.dataclass(frozen=True)
class DataPoint:
    x: int
    label: str = "p"
    tags: list[str] = dataclasses.field(default_factory=list)


@frozen
class Checked:
    name: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", self.name.strip())


def test_init_repr_eq_hash_as_a_frozen_dataclass():
    for args, kwargs in (((1,), {}), ((1, "a"), {}), ((), {"x": 2, "label": "b"})):
        ours, theirs = Point(*args, **kwargs), DataPoint(*args, **kwargs)
        assert repr(ours) == repr(theirs).replace("DataPoint", "Point")
        assert ours == Point(*args, **kwargs) and ours != Point(99)
        assert (ours == theirs) is False  # another class is never equal, as with dataclasses
    assert hash(Point(1, "a", None)) == hash(DataPoint(1, "a", None))  # type: ignore[arg-type]
    assert Point(1).tags is not Point(1).tags  # a new default each time
    assert field_names(Point) == ("x", "label", "tags") and field_names(int) is None
    assert Checked("  Åse ").name == "Åse"  # __post_init__ runs


def test_wrong_arguments_are_refused_as_by_a_dataclass():
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, "a", [], 4)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, x=2)  # type: ignore[misc]
    with pytest.raises(TypeError):
        Point(1, colour="red")  # type: ignore[call-arg]


def test_objects_cannot_change():
    p = Point(1)
    with pytest.raises(FrozenInstanceError):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.label  # type: ignore[misc]
    assert p.x == 1


def test_replace_copy_pickle_and_dataclasses_functions_work():
    p = Point(1, "a", ["t"])
    assert replace(p, label="b") == Point(1, "b", ["t"])
    with pytest.raises(TypeError):
        replace(p, colour="red")
    assert dataclasses.is_dataclass(p)
    assert dataclasses.replace(p, x=5) == Point(5, "a", ["t"])
    assert [f.name for f in dataclasses.fields(Point)] == ["x", "label", "tags"]
    assert dataclasses.asdict(p) == {"x": 1, "label": "a", "tags": ["t"]}
    assert dataclasses.replace(Point(1)).tags == []
    assert copy.deepcopy(p) == p and pickle.loads(pickle.dumps(p)) == p
