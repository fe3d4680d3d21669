"""Small immutable value classes, made without ``dataclasses``' code generation.

``@dataclass(frozen=True)`` writes six methods of each class as source text and compiles each
with ``exec`` when its module is imported: about 3.5 M instructions a class on Python 3.11,
and ``dataclasses`` itself (with ``copy`` and ``inspect``'s parts) some 9 M more. The window's
start path imported fourteen such classes (issue 12, start-up): about 12 ms before the first
paint for features a value class rarely needs.

``@frozen`` gives a class the same behaviour from a few shared functions: ``__init__`` taking
the fields in order, by position or keyword, with their defaults (``Factory(list)`` for a new
value each time, as ``field(default_factory=list)``), then ``__post_init__`` if the class has
one; ``__repr__``, ``__eq__`` and ``__hash__`` over the fields, as a frozen dataclass has them;
and no assigning or deleting of attributes afterwards. ``replace(obj, **changes)`` is
``dataclasses.replace`` without importing ``dataclasses``; ``field_names(cls)`` names the
fields. ``dataclasses``' own functions (``replace``, ``fields``, ``asdict``, ``is_dataclass``)
work on these classes too: the first to ask makes ``dataclasses``' description of the fields.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")
_MISSING = object()
_FIELDS = "__frozen_fields__"


class Factory:
    """A field's default made anew for each object (``field(default_factory=…)``)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


class FrozenInstanceError(AttributeError):
    """Assigning to (or deleting) a field of a frozen object (as ``dataclasses``' error)."""


@dataclass_transform(frozen_default=True, field_specifiers=(Factory,))
def frozen(cls: type[T]) -> type[T]:
    """Make ``cls`` an immutable value class of its annotated fields (see the module)."""
    names = tuple(
        name
        for name, annotation in inspect.get_annotations(cls).items()
        if not str(annotation).startswith(("ClassVar", "typing.ClassVar"))
    )
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    for name, value in defaults.items():
        if isinstance(value, Factory):
            delattr(cls, name)  # (no shared default on the class, as with default_factory)
    post_init = cls.__dict__.get("__post_init__")
    setattr(cls, _FIELDS, names)
    cls.__init__ = _make_init(cls.__qualname__, names, defaults, post_init)  # type: ignore[misc]
    cls.__repr__ = _repr  # type: ignore[assignment,method-assign]
    cls.__eq__ = _eq  # type: ignore[assignment,method-assign]
    cls.__hash__ = _hash  # type: ignore[assignment,method-assign]
    cls.__setattr__ = _refuse_set  # type: ignore[assignment,method-assign]
    cls.__delattr__ = _refuse_delete  # type: ignore[assignment,method-assign]
    cls.__match_args__ = names  # type: ignore[attr-defined]
    cls.__dataclass_fields__ = _DataclassFields(defaults)  # type: ignore[attr-defined]
    return cls


class _DataclassFields:
    """``dataclasses``' description of the fields, made the first time something asks
    (``dataclasses.replace``, ``fields``, ``asdict``, ``is_dataclass`` then work as on a frozen
    dataclass): from a frozen dataclass of the same fields and defaults."""

    def __init__(self, defaults: dict[str, Any]) -> None:
        self.defaults = defaults

    def __get__(self, obj: object, cls: type) -> dict[str, Any]:
        import dataclasses

        annotations = inspect.get_annotations(cls)
        names = cls.__dict__[_FIELDS]
        body: dict[str, Any] = {"__annotations__": {n: annotations[n] for n in names}}
        for name, value in self.defaults.items():
            if isinstance(value, Factory):
                value = dataclasses.field(default_factory=value.make)
            body[name] = value
        shadow = dataclasses.dataclass(frozen=True)(type(cls.__name__, (), body))
        fields: dict[str, Any] = shadow.__dataclass_fields__  # type: ignore[attr-defined]
        cls.__dataclass_fields__ = fields  # type: ignore[attr-defined]
        return fields


def field_names(cls: type) -> tuple[str, ...] | None:
    """The fields of a ``@frozen`` class, in order (None for any other class)."""
    return cls.__dict__.get(_FIELDS)


def replace(obj: T, **changes: Any) -> T:
    """A copy of ``obj`` with ``changes`` to its fields (``dataclasses.replace``)."""
    values = {name: getattr(obj, name) for name in getattr(obj, _FIELDS)}
    for name in changes:
        if name not in values:
            raise TypeError(f"{type(obj).__qualname__} has no field {name!r}")
    values.update(changes)
    return type(obj)(**values)


def _make_init(
    qualname: str,
    names: tuple[str, ...],
    defaults: dict[str, Any],
    post_init: Callable[[Any], None] | None,
) -> Callable[..., None]:
    known = frozenset(names)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(f"{qualname}() takes {len(names)} arguments, {len(args)} given")
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in known:
                raise TypeError(f"{qualname}() got an unexpected keyword argument {name!r}")
            if name in values:
                raise TypeError(f"{qualname}() got multiple values for argument {name!r}")
            values[name] = value
        fields = self.__dict__
        for name in names:
            value = values.get(name, _MISSING)
            if value is _MISSING:
                value = defaults.get(name, _MISSING)
                if value is _MISSING:
                    raise TypeError(f"{qualname}() missing required argument: {name!r}")
                if isinstance(value, Factory):
                    value = value.make()
            fields[name] = value
        if post_init is not None:
            post_init(self)

    __init__.__qualname__ = f"{qualname}.__init__"
    return __init__


def _values(obj: Any) -> tuple[Any, ...]:
    fields = obj.__dict__
    return tuple(fields[name] for name in getattr(obj, _FIELDS))


def _repr(self: Any) -> str:
    fields = self.__dict__
    inner = ", ".join(f"{name}={fields[name]!r}" for name in getattr(self, _FIELDS))
    return f"{type(self).__qualname__}({inner})"


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _refuse_set(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


class Blank:
    """A plain object, made empty: ``made`` gives it its fields and then its class (loops that
    make many inline the same three steps)."""


def made(cls: type[T], fields: dict[str, Any]) -> T:
    """An object of the immutable value class ``cls`` made as ``cls(**fields)`` would be, for
    code that makes hundreds on each opening of a citizen (a record, a staircase's layout).

    It is made as a plain object given all its fields at once (``__dict__``) and then its class
    (``__class__``): no generated ``__init__`` assigning field by field, and a quarter cheaper
    than ``object.__new__`` with ``object.__setattr__(obj, "__dict__", ...)`` (two calls through
    wrappers). The result is the same object: its class, its fields in order, equality,
    hashing and immutability (the class's own ``__setattr__`` refuses from then on). Only for
    classes with no ``__post_init__`` and no slots, with every field given in order (a class
    with slots fails at the first call; ``records._check_makers`` checks the record's classes
    at import, and ``geometry``'s ``StepBox`` is compared with its own constructor's in the
    layout tests)."""
    obj = Blank()
    obj.__dict__ = fields
    obj.__class__ = cls
    return obj  # type: ignore[return-value]
