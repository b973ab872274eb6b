"""The base of every generated model, and how JSON with keys the spec does not name becomes
one (misaka-io's template; do not edit the output).

- ``Model``: a msgspec ``Struct`` that keeps the keys its schema does not name in
  ``additional_properties``; ``repr`` and Rich's pretty output mask its secret fields;
- the walk (``tolerant``): a body the typed C decoder refuses is read as plain JSON, its
  unknown keys set aside and put back, integers written as ``1.0`` read as integers, and a
  real mismatch is a ``DecodeError`` with the JSON path;
- learned keys (``extended``): the keys answers carried beyond the schema, so the next answer
  with them is read by the C decoder again.

``types`` (the wire layer) builds ``decode`` on these.
"""

from __future__ import annotations

import functools
import operator
import re
import threading
import typing
from collections.abc import Mapping
from types import GenericAlias, UnionType
from typing import Any, ClassVar, Self, TypeVar, cast

import msgspec

Unset = msgspec.UnsetType
UNSET: Unset = msgspec.UNSET

M = TypeVar("M", bound="Model")

_PATH = re.compile(r" - at `(\$[^`]*)`$")
_MISSING = re.compile(r"^Object missing required field `([^`]*)`")


class DecodeError(ValueError):
    """A body that does not fit its model: ``path`` is the JSON path of the failing field
    (``$.results[3].ttl``), ``$`` for the document itself, None when it is not JSON."""

    def __init__(self, message: str, path: str | None) -> None:
        super().__init__(message)
        self.path = path


class _Masked:
    """Stands for a secret field's value in Rich's pretty output."""

    def __repr__(self) -> str:
        return "***"


_MASKED = _Masked()


class Model(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, dict=True):
    """A generated model: typed fields, and the keys the spec does not name kept aside."""

    __secret_fields__: ClassVar[frozenset[str]] = frozenset()

    @property
    def additional_properties(self) -> dict[str, Any]:
        """What the server sent beyond the schema's fields, as it was sent."""
        extra: dict[str, Any] | None = self.__dict__.get("_extra")
        if extra is None:
            learned: dict[str, str] = getattr(type(self), "__learned__", {})
            extra = {
                key: v
                for a, key in learned.items()
                if (v := getattr(self, a)) is not UNSET
            }
            self.__dict__["_extra"] = extra
        return extra

    @additional_properties.setter
    def additional_properties(self, value: dict[str, Any]) -> None:
        self.__dict__["_extra"] = dict(value)

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties)

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

    def __repr__(self) -> str:
        shown = []
        for name in _origin(type(self)).__struct_fields__:
            value = getattr(self, name)
            if value is UNSET:
                continue
            shown.append(
                f"{name}={'***' if name in self.__secret_fields__ else repr(value)}"
            )
        return f"{type(self).__name__}({', '.join(shown)})"

    def __rich_repr__(self) -> list[tuple[str, Any]]:
        """What Rich's pretty printer shows: the same fields as ``repr``, secrets masked."""
        return [
            (name, _MASKED if name in self.__secret_fields__ else value)
            for name in _origin(type(self)).__struct_fields__
            if (value := getattr(self, name)) is not UNSET
        ]

    def to_dict(self) -> dict[str, Any]:
        """The JSON object this model stands for: its fields and the unknown keys."""
        out: dict[str, Any] = dict(self.additional_properties)
        for info in _fields(_origin(type(self))):
            value = getattr(self, info.name)
            if value is not UNSET:
                out[info.encode_name] = _plain(value)
        return out

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Read a JSON object (already parsed) into the model, type-checked; raises
        ``DecodeError`` with the failing field's path."""
        return cast(Self, _build(src_dict, cls, "$"))


def parse_json(content: bytes) -> Any:
    """Bytes to plain JSON values, refusing malformed or too deeply nested documents."""
    try:
        value = msgspec.json.decode(content)
    except msgspec.DecodeError as exc:
        raise DecodeError(f"not JSON: {exc}", None) from None
    except RecursionError:
        raise DecodeError("the document is nested too deeply", None) from None
    return value


# --- internals --------------------------------------------------------------------------


@functools.cache
def _fields(model: type[Model]) -> tuple[msgspec.structs.FieldInfo, ...]:
    return msgspec.structs.fields(model)


@functools.cache
def _by_json_name(model: type[Model]) -> dict[str, msgspec.structs.FieldInfo]:
    return {info.encode_name: info for info in _fields(model)}


def error_text(exc: BaseException) -> str:
    return _PATH.sub("", str(exc))


def json_path(exc: BaseException, prefix: str = "$") -> str:
    found = _PATH.search(str(exc))
    inner = found.group(1) if found else "$"
    missing = _MISSING.match(str(exc))
    return prefix + inner[1:] + (f".{missing.group(1)}" if missing else "")


@functools.cache
def _models_in(annotation: Any) -> tuple[type[Model], ...]:
    """The model classes an annotation can hold directly (``X | None | Unset``)."""
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return (annotation,)
    if (
        isinstance(annotation, UnionType)
        or typing.get_origin(annotation) is typing.Union
    ):
        return tuple(m for arg in typing.get_args(annotation) for m in _models_in(arg))
    return ()


def tolerant(content: bytes, model: Any) -> Any:
    """The walk of ``decode``: keys the spec does not name are set aside (guided by the
    models' fields) and learned, the rest is converted in one typed step, and the keys are
    put back. A body the typed step refuses (an integer written as ``1.0``, keys inside a
    map of models, a real mismatch) is read by the full walk, ``_build``, which reports the
    path it is at."""
    raw = parse_json(content)
    extras: dict[int, dict[str, Any]] = {}
    unknown: dict[type[Model], set[str]] = {}
    _strip(raw, ("model", model), extras, unknown)
    _learn(unknown)
    try:
        built = msgspec.convert(raw, model, strict=True)
    except msgspec.ValidationError:
        return _build(parse_json(content), model, "$")
    if extras:
        _attach(raw, built, ("model", model), extras)
    return built


# --- keys learned from earlier answers ----------------------------------------------------
#
# When the API adds a field, every answer carries it: the first one takes the walk, which
# learns the new key per model; later ones are read by the C decoder into a subclass of the
# model that names the learned keys (``_extended``), so the day the API grows, decoding stays
# fast. What such an instance holds under a learned key is its ``additional_properties``,
# as it would be on the walk; ``to_dict``, ``repr`` and pickling see the model it extends.

MAX_LEARNED_KEYS = (
    64  # per model: a server that invents keys forever gets the walk, not classes
)
MAX_LEARNED_KEY_LENGTH = (
    64  # longer keys, and those msgspec cannot name a field by, stay walked
)
_learned: dict[type[Model], frozenset[str]] = {}
_learning = threading.Lock()


def learned_keys(model: type[Model]) -> frozenset[str]:
    """The keys ``model``'s schema does not name that answers have carried so far (at most
    ``MAX_LEARNED_KEYS``): the C decoder reads them without the walk."""
    return _learned.get(_origin(model), frozenset())


def _learnable(key: str) -> bool:
    """A key msgspec can read as a field's name: no quote, backslash or control character."""
    return 0 < len(key) <= MAX_LEARNED_KEY_LENGTH and not any(
        c in '"\\' or ord(c) < 32 or 127 <= ord(c) < 160 for c in key
    )


def _learn(unknown: Mapping[type[Model], set[str]]) -> None:
    with _learning:
        for model, keys in unknown.items():
            known = _learned.get(model, frozenset())
            room = MAX_LEARNED_KEYS - len(known)
            new = sorted(k for k in keys - known if _learnable(k))[: max(room, 0)]
            if new:
                _learned[model] = known | frozenset(new)


def extended(annotation: Any) -> Any:
    """``annotation`` with each model in it replaced by its extension by the learned keys."""
    if not _learned:
        return annotation
    try:
        return _substitute(
            annotation, tuple(sorted(_learned.items(), key=lambda kv: id(kv[0])))
        )
    except (
        TypeError,
        ValueError,
    ):  # msgspec refused a derived type: the walk still works
        return annotation


@functools.cache
def _substitute(
    annotation: Any, learned: tuple[tuple[type[Model], frozenset[str]], ...]
) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return _subclass(annotation, learned)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list:
        return GenericAlias(list, (_substitute(args[0], learned),))
    if origin is dict:
        return GenericAlias(dict, (args[0], _substitute(args[1], learned)))
    if isinstance(annotation, UnionType) or origin is typing.Union:
        return functools.reduce(operator.or_, (_substitute(a, learned) for a in args))
    return annotation


def _subclass(
    model: type[Model], learned: tuple[tuple[type[Model], frozenset[str]], ...]
) -> Any:
    keys = dict(learned).get(model, frozenset())
    fields: list[Any] = []
    for info in _fields(model):
        new_type = _substitute(info.type, learned)
        if new_type is not info.type:
            fields.append((info.name, new_type, _same_default(info)))
    taken = {info.name for info in _fields(model)}
    names = {}
    for index, key in enumerate(sorted(keys)):
        name = f"learned_{index}"
        while name in taken:
            name += "_"
        names[name] = key
        fields.append((name, Any, msgspec.field(default=UNSET, name=key)))
    if not fields:
        return model
    namespace = {"__learned__": names, "__origin_model__": model, "__reduce__": _reduce}
    derived = msgspec.defstruct(
        model.__name__,
        fields,
        bases=(model,),
        module=model.__module__,
        namespace=namespace,
        kw_only=True,
        forbid_unknown_fields=True,
        dict=True,
    )
    derived.__qualname__ = model.__qualname__
    return derived


def _same_default(info: msgspec.structs.FieldInfo) -> Any:
    if info.default is not msgspec.NODEFAULT:
        return msgspec.field(default=info.default, name=info.encode_name)
    if info.default_factory is not msgspec.NODEFAULT:
        return msgspec.field(
            default_factory=info.default_factory, name=info.encode_name
        )
    return msgspec.field(name=info.encode_name)


def _origin(model: type[Model]) -> type[Model]:
    origin: type[Model] = model.__dict__.get("__origin_model__", model)
    return origin


def _reduce(self: Model) -> tuple[Any, ...]:
    return (_rebuild, (_origin(type(self)), self.to_dict()))


def _rebuild(model: type[Model], data: dict[str, Any]) -> Model:
    return model.from_dict(data)


# What to walk to find unknown keys: ("model", M) or ("list", what each item is).
_Walk = tuple[str, Any]


def _walk_of(annotation: Any) -> _Walk | None:
    models = _models_in(annotation)
    if len(models) == 1:
        return ("model", models[0])
    union = (
        isinstance(annotation, UnionType)
        or typing.get_origin(annotation) is typing.Union
    )
    for arg in typing.get_args(annotation) if union else (annotation,):
        if typing.get_origin(arg) is list:
            inner = _walk_of(typing.get_args(arg)[0])
            if inner is not None:
                return ("list", inner)
    return None


@functools.cache
def _plan(
    model: type[Model],
) -> tuple[frozenset[str], tuple[tuple[str, str, _Walk], ...]]:
    """A model's JSON names, and its fields that hold models: (JSON name, attribute, walk)."""
    names = frozenset(info.encode_name for info in _fields(model))
    nested = tuple(
        (info.encode_name, info.name, walk)
        for info in _fields(model)
        if (walk := _walk_of(info.type)) is not None
    )
    return names, nested


def _strip(
    value: Any,
    walk: _Walk,
    extras: dict[int, dict[str, Any]],
    seen: dict[type[Model], set[str]],
) -> None:
    if walk[0] == "list":
        for item in value if isinstance(value, list) else ():
            _strip(item, walk[1], extras, seen)
        return
    if not isinstance(value, dict):
        return
    names, nested = _plan(walk[1])
    unknown = value.keys() - names
    if unknown:
        extras[id(value)] = {key: value.pop(key) for key in unknown}
        seen.setdefault(walk[1], set()).update(unknown)
    for key, _attr, inner in nested:
        if key in value:
            _strip(value[key], inner, extras, seen)


def _attach(
    raw: Any, built: Any, walk: _Walk, extras: dict[int, dict[str, Any]]
) -> None:
    if walk[0] == "list":
        for raw_item, built_item in zip(raw, built, strict=True):
            _attach(raw_item, built_item, walk[1], extras)
        return
    extra = extras.get(id(raw))
    if extra:
        built.additional_properties = extra
    for key, attr, inner in _plan(walk[1])[1]:
        if key in raw:
            _attach(raw[key], getattr(built, attr), inner, extras)


def _build(value: Any, annotation: Any, path: str) -> Any:
    """Plain JSON values to ``annotation``, keeping unknown keys of every model on the way
    (the slow path: used only when a document has keys the spec does not name, or an
    integer written as ``1.0``)."""
    models = _models_in(annotation)
    if len(models) == 1 and isinstance(value, Mapping):
        return _build_model(value, models[0], path)
    origin = typing.get_origin(annotation)
    if origin is list and isinstance(value, list):
        (item,) = typing.get_args(annotation)
        return [_build(v, item, f"{path}[{i}]") for i, v in enumerate(value)]
    if origin is dict and isinstance(value, Mapping):
        _key, item = typing.get_args(annotation)
        return {k: _build(v, item, f"{path}.{k}") for k, v in value.items()}
    if isinstance(annotation, UnionType) or origin is typing.Union:
        for arg in typing.get_args(annotation):
            if typing.get_origin(arg) in (list, dict):
                try:
                    return _build(value, arg, path)
                except DecodeError:
                    continue
    if isinstance(value, float) and value.is_integer() and _accepts_int(annotation):
        value = int(value)
    try:
        return msgspec.convert(value, annotation, strict=True)
    except msgspec.ValidationError as exc:
        raise DecodeError(error_text(exc), json_path(exc, path)) from None


def _accepts_int(annotation: Any) -> bool:
    return annotation is int or int in typing.get_args(annotation)


def _build_model(value: Mapping[str, Any], model: type[M], path: str) -> M:
    known: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    by_name = _by_json_name(model)
    for name, required in by_name.items():
        if required.required and name not in value:
            raise DecodeError(
                f"Object missing required field `{name}`", f"{path}.{name}"
            )
    for key, item in value.items():
        found = by_name.get(key)
        if found is None:
            extra[key] = item
        else:
            known[key] = _build(item, found.type, f"{path}.{key}")
    try:
        built = msgspec.convert(known, model, strict=True)
    except msgspec.ValidationError as exc:
        raise DecodeError(error_text(exc), json_path(exc, path)) from None
    if extra:
        built.additional_properties = extra
    return built


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return msgspec.to_builtins(value)


__all__ = [
    "MAX_LEARNED_KEYS",
    "UNSET",
    "DecodeError",
    "Model",
    "Unset",
    "error_text",
    "extended",
    "json_path",
    "learned_keys",
    "parse_json",
    "tolerant",
]
