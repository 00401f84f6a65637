"""The v1 path of gen_fixtures.py: SDKs from the 2023 generators ("v1"), whose models are
`dataclasses` with `dataclasses_json` (not pydantic).

There is no JSON schema to draw from, so the inputs are drawn from the dataclass fields' types
(recursively: nested models, closed enums, `Optional`, lists, maps, unions, `Any`), under the
JSON names that the fields' `dataclasses_json` metadata gives (`letter_case`). The oracle is
the SDK's own wire code: `utils.unmarshal_json(text, Model)` to read and `utils.marshal_json`
to write (dataclasses_json's `from_dict`/`to_dict`, which leave out the fields whose `exclude`
says so, `lambda f: f is None` for every optional one).

dataclasses_json checks little: a string where a number belongs is kept as it is. So only
inputs drawn from the declared types are used as accepted fixtures, and an input counts as
rejected only when the SDK really raises.
"""

import dataclasses
import enum
import importlib
import json
import os
import sys
import types
import typing

from hypothesis import strategies as st

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1
MAX_ITEMS = 3

# The model folders of a v1 SDK (`<package>/models/<folder>`) and their docs subfolders.
FOLDERS = ("shared", "operations", "errors")


def is_model(cls):
    """A `dataclasses_json` model: a dataclass with the mixin's `from_dict` and `to_dict`."""
    return (
        isinstance(cls, type)
        and dataclasses.is_dataclass(cls)
        and hasattr(cls, "from_dict")
        and hasattr(cls, "to_dict")
    )


def load(package):
    """[(class, docs subfolder)] of every class in the SDK's model modules, and the modules
    that failed to import (name, error).

    Each module file is imported on its own below stand-in package objects, so that neither
    the package's `__init__` (which imports the whole client) nor a broken sibling stops the
    others: `cribl` 1.0.0 cannot be imported at all (`errors/healthstatus.py` imports a module
    `shared.healthstatus_status` that the release lacks)."""
    spec = importlib.util.find_spec(package)
    root = os.path.dirname(spec.origin)
    for name, path in ((package, root), (package + ".models", os.path.join(root, "models"))):
        _stand_in(name, path)
    out, failed = [], []
    for folder in FOLDERS:
        path = os.path.join(root, "models", folder)
        if not os.path.isdir(path):
            continue
        _stand_in(f"{package}.models.{folder}", path)
        for f in sorted(os.listdir(path)):
            if not f.endswith(".py") or f.startswith("_"):
                continue
            modname = f"{package}.models.{folder}.{f[:-3]}"
            try:
                mod = importlib.import_module(modname)
            except Exception as e:  # noqa: BLE001 - a broken module only loses its own models
                failed.append((modname, f"{type(e).__name__}: {e}"))
                continue
            for obj in vars(mod).values():
                if isinstance(obj, type) and obj.__module__ == modname:
                    out.append((obj, folder))
    return out, failed


def _stand_in(name, path):
    if name in sys.modules:
        return
    mod = types.ModuleType(name)
    mod.__path__ = [path]
    sys.modules[name] = mod
    parent, _, child = name.rpartition(".")
    if parent in sys.modules:
        setattr(sys.modules[parent], child, mod)


def _utils(cls):
    package = cls.__module__.split(".")[0]
    return importlib.import_module(package + ".utils")


def json_fields(cls):
    """[(field, JSON name, type, required)] of the fields the model reads and writes."""
    hints = typing.get_type_hints(cls, sys.modules[cls.__module__].__dict__)
    out = []
    for f in dataclasses.fields(cls):
        meta = f.metadata.get("dataclasses_json", {})
        exclude = meta.get("exclude")
        if exclude is not None and exclude(object()) is True and exclude(None) is True:
            continue  # never written (`raw_response`): not part of the wire format
        letter_case = meta.get("letter_case")
        name = letter_case(f.name) if letter_case else f.name
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        out.append((f, name, hints[f.name], required))
    return out


def required_names(cls):
    return [name for _, name, _, required in json_fields(cls) if required]


def json_values():
    leaves = st.none() | st.booleans() | st.integers(-(2**31), 2**31) | st.text(
        st.characters(codec="ascii"), max_size=8
    )
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=MAX_ITEMS)
        | st.dictionaries(st.text(st.characters(codec="ascii"), max_size=8), inner, max_size=MAX_ITEMS),
        max_leaves=6,
    )


class Strategies:
    """Hypothesis strategies for the JSON form of v1 models, one per model class (deferred, so
    that recursive models work)."""

    def __init__(self):
        self.models = {}

    def model(self, cls):
        if cls not in self.models:
            self.models[cls] = st.deferred(lambda: self._object(cls))
        return self.models[cls]

    def _object(self, cls):
        fixed, optional = {}, {}
        for _, name, tp, required in json_fields(cls):
            (fixed if required else optional)[name] = self.of(tp)
        return st.fixed_dictionaries(fixed, optional=optional)

    def of(self, tp):
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if tp is type(None):
            return st.none()
        if tp is typing.Any or tp is object:
            return json_values()
        if origin is typing.Union or type(tp).__name__ == "UnionType":
            return st.one_of([self.of(a) for a in args])
        if origin in (list, typing.List):
            return st.lists(self.of(args[0]) if args else json_values(), max_size=MAX_ITEMS)
        if origin in (dict, typing.Dict):
            values = self.of(args[1]) if args else json_values()
            keys = st.text(st.characters(codec="ascii"), max_size=8)
            return st.dictionaries(keys, values, max_size=MAX_ITEMS)
        if origin is typing.Literal:
            return st.sampled_from(list(args))
        if isinstance(tp, type):
            if issubclass(tp, enum.Enum):
                return st.sampled_from([e.value for e in tp])
            if dataclasses.is_dataclass(tp):
                # dataclasses_json reads and writes any dataclass, with or without its mixin
                # (the SDK's field-less `...PqControls` have none).
                return self.model(tp)
            if tp is bool:
                return st.booleans()
            if tp is int:
                return st.integers(I64_MIN, I64_MAX)
            if tp is float:
                return st.floats(allow_nan=False, allow_infinity=False) | st.integers(-1000, 1000)
            if tp is str:
                return st.text(st.characters(codec="ascii"), max_size=20)
        raise ValueError(f"type not handled: {tp!r}")


def strategy(cls):
    return Strategies().model(cls)


def accepts(cls, text):
    """The SDK's output for the input, or None when it raises reading or writing it."""
    utils = _utils(cls)
    try:
        inst = utils.unmarshal_json(text, cls)
        if not isinstance(inst, cls):
            return None
        return json.dumps(json.loads(utils.marshal_json(inst)))
    except Exception:  # noqa: BLE001 - whatever the SDK raises is a rejection
        return None
