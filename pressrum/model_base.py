"""The base of the content models, without pydantic: declared fields, frozen values, a fast check.

``site_models.py``, ``round_models.py`` and ``release_models.py`` declare each content file's
shape once, on :class:`Model`. A build validates with :meth:`Model.model_validate`, which walks
the data in plain Python, field by field, with the same converters (``fields.py``) and field
checks pydantic runs. Whenever that walk meets anything it does not accept (a problem, or a
shape it does not know), the file is validated again by pydantic against the same declarations
(``reference_models.py``), which gives the value or the located, translated problems. Pydantic
and the models it builds take about 0.2 s to import, longer than a whole build of the bundled
example; a build of valid content never imports it. ``tests/test_model_base.py`` checks that
the fast walk gives what pydantic gives.
"""
from __future__ import annotations

import inspect
import re
import types
import typing
from typing import Annotated, Any


class _Missing:
    """No default: the field must be written."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


class Spec:
    """A field as declared: its default and pydantic's ``Field`` arguments (alias, description,
    pattern, min_length, validate_default), kept to build the reference model."""

    __slots__ = ("default", "kwargs", "name", "annotation", "check")

    def __init__(self, default, kwargs: dict):
        self.default, self.kwargs = default, kwargs
        self.name = self.annotation = self.check = None

    @property
    def alias(self) -> str:
        return self.kwargs["alias"]


def Field(default: Any = MISSING, **kwargs) -> Any:  # noqa: N802 - mirrors pydantic.Field, which it stands for
    """Declare a field: ``name: Text = Field(alias="namn", description="…")``."""
    return Spec(default, kwargs)


def field_validator(*names: str):
    """Mark a classmethod as an after-check of the named fields (as pydantic's ``field_validator``)."""
    def mark(method):
        method.__func__.checks_fields = names
        return method
    return mark


class Invalid(ValueError):
    """Content the model refuses: ``error`` is pydantic's ValidationError, ``reference`` the
    pydantic model it was validated against (for translating the error's locations)."""

    def __init__(self, error, reference):
        super().__init__(str(error))
        self.error, self.reference = error, reference


class _Refused(Exception):
    """The fast walk does not accept this data; pydantic decides."""


class _Info:
    """What a field check with an ``info`` parameter reads: the fields validated before it."""

    __slots__ = ("data",)

    def __init__(self, data: dict):
        self.data = data


class Model:
    """A frozen content value with declared fields (see the module's docstring)."""

    model_fields: typing.ClassVar[dict[str, Spec]] = {}
    _checks: typing.ClassVar[dict[str, tuple]] = {}
    _plan: typing.ClassVar[tuple | None] = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        fields = dict(cls.model_fields)  # inherited ones keep their place; redeclared ones are replaced there
        for name in cls.__dict__.get("__annotations__", {}):
            spec = cls.__dict__.get(name)
            if isinstance(spec, Spec):
                spec.name = name
                fields[name] = spec
                delattr(cls, name)
        cls.model_fields = fields
        checks = {k: list(v) for k, v in cls._checks.items()}
        for value in cls.__dict__.values():
            func = getattr(value, "__func__", None)
            for name in getattr(func, "checks_fields", ()):
                checks.setdefault(name, []).append(func)
        cls._checks = {k: tuple(v) for k, v in checks.items()}
        cls._plan = None

    def __init__(self, **data):
        """Validate ``data`` by alias, as the content writes it (``Graphics()``: every default)."""
        object.__setattr__(self, "__dict__", type(self).model_validate(data).__dict__)

    def __setattr__(self, name, value):
        raise TypeError(f"{type(self).__name__} is frozen")

    def __delattr__(self, name):
        raise TypeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, k) == getattr(other, k) for k in self.model_fields)

    def __hash__(self):
        return hash((type(self), *(getattr(self, k) for k in self.model_fields)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={getattr(self, k)!r}' for k in self.model_fields)})"

    @property
    def model_fields_set(self) -> set[str]:
        """The fields the content wrote (not defaulted)."""
        return set(self.__dict__["__fields_set__"])

    def model_copy(self, update: dict | None = None):
        """A copy with some fields replaced, unchecked (as pydantic's ``model_copy``)."""
        copy = object.__new__(type(self))
        state = dict(self.__dict__)
        state.update(update or {})
        state["__fields_set__"] = frozenset(self.__dict__["__fields_set__"] | set(update or ()))
        object.__setattr__(copy, "__dict__", state)
        return copy

    @classmethod
    def model_validate(cls, data):
        """The value ``data`` (parsed YAML) stands for; raise :class:`Invalid` with pydantic's
        errors when it is not valid."""
        try:
            return _validate_fast(cls, data)
        except Exception:  # noqa: BLE001 - anything the fast walk declines, pydantic decides
            from .reference_models import validate_reference

            return validate_reference(cls, data)


def _build(cls, values: dict, given) -> Model:
    obj = object.__new__(cls)
    values["__fields_set__"] = frozenset(given)
    object.__setattr__(obj, "__dict__", values)
    return obj


_MUTABLE = (dict, list)


def _validate_fast(cls, data) -> Model:
    if type(data) is cls:
        return data
    if not isinstance(data, dict):
        raise _Refused
    plan = cls._plan or _plan_for(cls)
    if not cls.__dict__["_alias_set"].issuperset(data):
        raise _Refused  # an unknown key
    values = {}
    given = []
    for name, alias, convert, default, validate_default, checks in plan:
        if alias in data:
            value = convert(data[alias])
            given.append(name)
        elif default is MISSING:
            raise _Refused
        elif validate_default:
            value = convert(default)
        else:
            # As pydantic: an empty dict or list default is a new one for each value.
            values[name] = default.copy() if type(default) in _MUTABLE else default
            continue
        for check, with_info in checks:
            value = check(cls, value, _Info(values)) if with_info else check(cls, value)
        values[name] = value
    return _build(cls, values, given)


def _plan_for(cls) -> tuple:
    """Each field's (name, alias, converter, default, validate_default, checks), made on first use."""
    hints = typing.get_type_hints(cls, include_extras=True)
    plan = []
    for name, spec in cls.model_fields.items():
        kw = spec.kwargs
        convert = _converter(hints[name], kw.get("pattern"))
        if "min_length" in kw:
            convert = _min_length(convert, kw["min_length"])
        checks = tuple((c, len(inspect.signature(c).parameters) > 2) for c in cls._checks.get(name, ()))
        plan.append((name, spec.alias, convert, spec.default, kw.get("validate_default", False), checks))
    cls._alias_set = frozenset(spec.alias for spec in cls.model_fields.values())
    cls._plan = tuple(plan)
    return cls._plan


def _min_length(convert, n: int):
    def checked(value):
        value = convert(value)
        if len(value) < n:
            raise _Refused
        return value
    return checked


class Matching:
    """``Annotated`` metadata for a text that must match ``pattern`` whole, where the pattern is
    not on a field but on a type inside one (``dict[Key, PartWord]``): pydantic's
    ``StringConstraints(pattern=…)`` without importing pydantic, with the same errors and schema."""

    __slots__ = ("pattern",)

    def __init__(self, pattern: str):
        self.pattern = pattern

    def __get_pydantic_core_schema__(self, source, handler):
        from pydantic_core import core_schema

        return core_schema.str_schema(pattern=self.pattern)


def _converter(hint, pattern: str | None):
    """A function from a parsed YAML value to the field's value, raising on anything pydantic
    might judge otherwise."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if pattern is not None:
        if hint not in (str, str | None) or not (pattern.startswith("^") and pattern.endswith("$")):
            raise NotImplementedError(f"pattern on {hint}")
        inner = re.compile(pattern[1:-1])

        def matched(value):
            if value is None and hint is not str:
                return None
            if not isinstance(value, str) or not inner.fullmatch(value):
                raise _Refused
            return str(value)
        return matched
    if origin is Annotated:
        match = next((m for m in hint.__metadata__ if isinstance(m, Matching)), None)
        if match is not None:
            return _converter(hint.__origin__, match.pattern)
        conv = next(m for m in hint.__metadata__ if hasattr(m, "fast"))
        base = hint.__origin__
        if typing.get_origin(base) is None:  # a plain type: the field's converters give it
            if conv.plain is not None or conv.after is None:  # one function: called directly
                return conv.plain or conv.before
            return conv.fast
        if conv.before is None:
            raise NotImplementedError(f"no fast converter for {hint}")
        inner = _converter(base, None)  # a container (CountyChoice): its items read after ``before``

        def composed(value):
            value = inner(conv.before(value))
            return value if conv.after is None else conv.after(value)
        return composed
    if isinstance(hint, type) and issubclass(hint, Model):
        return lambda value: _validate_fast(hint, value)
    if origin in (types.UnionType, typing.Union) and len(args) == 2 and type(None) in args:
        inner_conv = _converter(next(a for a in args if a is not type(None)), None)
        return lambda value: None if value is None else inner_conv(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _converter(args[0], None)

        def items(value):
            if type(value) not in (list, tuple):
                raise _Refused
            return tuple(item(v) for v in value)
        return items
    if origin is dict:
        key, val = _converter(args[0], None), _converter(args[1], None)

        def mapping(value):
            if not isinstance(value, dict):
                raise _Refused
            return {key(k): val(v) for k, v in value.items()}
        return mapping
    raise NotImplementedError(f"no fast converter for {hint}")
