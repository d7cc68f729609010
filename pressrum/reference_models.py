"""Pydantic models built from the declarations in ``*_models.py``: the reference validator, the
source of the located problems and of the JSON Schema (``build.py schema``).

Imported only when content is not valid by the fast walk of ``model_base`` (or for the
schema): each content model gets a pydantic twin with the same name, docstring, fields in the
same order, the same ``Field`` arguments and field checks, so its errors and its JSON Schema
are those of a model declared with pydantic directly.
"""
from __future__ import annotations

import functools
import types
import typing
from typing import Annotated

from pydantic import BaseModel, ConfigDict, ValidationError, create_model
from pydantic import Field as PydanticField
from pydantic import field_validator as pydantic_field_validator

from .model_base import MISSING, Invalid, Model


class _Reference(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


@functools.cache
def reference(cls: type[Model]) -> type[BaseModel]:
    """The pydantic model of ``cls`` (built once per process)."""
    base = reference(cls.__bases__[0]) if cls.__bases__[0] is not Model else _Reference
    hints = typing.get_type_hints(cls, include_extras=True)
    own = [name for name in cls.__dict__.get("__annotations__", {}) if name in cls.model_fields]
    fields = {}
    for name in own:
        spec = cls.model_fields[name]
        default = _reference_value(spec.default)
        field = PydanticField(**spec.kwargs) if default is MISSING else PydanticField(default, **spec.kwargs)
        fields[name] = (_reference_type(hints[name]), field)
    checks = {}
    for attr, value in cls.__dict__.items():
        func = getattr(value, "__func__", None)
        if getattr(func, "checks_fields", None):
            checks[attr] = pydantic_field_validator(*func.checks_fields)(classmethod(func))
    return create_model(cls.__name__, __base__=base, __doc__=cls.__doc__, __module__=cls.__module__,
                        __validators__=checks, **fields)


def _reference_type(hint):
    """``hint`` with every content model in it replaced by its pydantic model."""
    if isinstance(hint, type) and issubclass(hint, Model):
        return reference(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is None or origin is Annotated:
        return hint
    new = tuple(_reference_type(a) if a is not Ellipsis else a for a in args)
    if origin in (types.UnionType, typing.Union):
        return typing.Union[new]  # noqa: UP007 - built from a tuple of types
    return origin[new]


def _reference_value(value):
    """A default as the pydantic model holds it (a content model's default is its twin)."""
    if isinstance(value, Model):
        return reference(type(value)).model_construct(
            set(value.model_fields_set), **{name: _reference_value(getattr(value, name)) for name in value.model_fields})
    return value


def validate_reference(cls: type[Model], data) -> Model:
    """Validate ``data`` with pydantic; the value as a content model, or :class:`Invalid`."""
    try:
        return to_model(cls, reference(cls).model_validate(data))
    except ValidationError as exc:
        raise Invalid(exc, reference(cls)) from None


def to_model(cls: type[Model], value: BaseModel) -> Model:
    """A pydantic model's value as the content model ``cls``."""
    hints = typing.get_type_hints(cls, include_extras=True)
    values = {name: _plain(hints[name], getattr(value, name)) for name in cls.model_fields}
    obj = object.__new__(cls)
    values["__fields_set__"] = frozenset(value.model_fields_set)
    object.__setattr__(obj, "__dict__", values)
    return obj


def _plain(hint, value):
    if isinstance(value, BaseModel):
        return to_model(_model_in(hint, type(value).__name__), value)
    if isinstance(value, tuple):
        return tuple(_plain(_item(hint, 0), v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(_item(hint, 1), v) for k, v in value.items()}
    return value


def _item(hint, index: int):
    """The item type of ``tuple[X, ...]`` (index 0) or the value type of ``dict[K, X]`` (index 1),
    through ``| None``."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return _item(next(a for a in args if a is not type(None)), index)
    return args[index] if args else typing.Any


def _model_in(hint, name: str) -> type[Model]:
    """The content model called ``name`` in ``hint`` (a model, or ``X | None``)."""
    if isinstance(hint, type) and issubclass(hint, Model) and hint.__name__ == name:
        return hint
    for arg in typing.get_args(hint):
        if isinstance(arg, type) and issubclass(arg, Model) and arg.__name__ == name:
            return arg
    raise TypeError(f"no content model {name} in {hint}")
