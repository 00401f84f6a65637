#!/usr/bin/env python3
"""Conformance fixtures from a Speakeasy Python SDK: the SDK is the oracle.

For every pydantic model of the SDK that has a page in the docs folder (page file name =
lowercased class name + `.md`, or with a trailing `_`), this draws JSON instances of the model's
JSON schema with hypothesis-jsonschema, keeps those that the SDK accepts
(`Model.model_validate_json`) and records `model_dump_json(by_alias=True)` of the validated
instance as the expected output. It also records two inputs that the SDK rejects: one with a
required field removed, one with a value of the wrong JSON kind.

Output: gzip-compressed JSON lines, one record per fixture, sorted by class:

    {"class": "Session", "sdk_class": "Session", "page": "session.md",
     "rejected": false, "input": "<json text>", "expected": "<json text>"}
    {"class": "Session", ..., "rejected": true, "input": "<json text>", "why": "..."}
    {"class": "Foo", ..., "skipped": "<reason>"}      (no fixture could be made)

`class` is the docs page title (what the generator's index lists); `sdk_class` the pydantic
class (they differ for error models: page `BadRequestResponse` is class
`BadRequestResponseData`).

Generation is deterministic: every model gets a fixed seed derived from its name, hypothesis
runs derandomized without a database, and models are processed in sorted order. Each model
has a time cap; a model that hits it is recorded as skipped.

Run it through `gen.sh`, which makes the venv with the pinned requirements.
"""

import argparse
import copy
import enum
import gzip
import importlib
import io
import json
import multiprocessing
import os
import signal
import sys
import time
import typing
import warnings
import zlib

# Hypothesis keeps a cache folder; keep it out of the work tree.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "target", "conformance", "hypothesis"),
)

try:
    import pydantic  # noqa: E402
except ImportError:  # a v1 SDK (dataclasses): see v1.py
    pydantic = None
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import HypothesisException  # noqa: E402
from hypothesis_jsonschema import from_schema  # noqa: E402

import v1  # noqa: E402

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1
UNSET_SENTINEL = "~?~unset~?~sentinel~?~"

# Filled in by `main` before the worker processes fork.
SDK = {}


class Timeout(BaseException):
    """Raised by the alarm; a BaseException so that hypothesis does not treat it as a test
    failure and shrink it."""


def _alarm(signum, frame):
    raise Timeout()


# ---------------------------------------------------------------------------------------------
# Finding the models


# The SDK's model modules and the docs subfolder their pages are in ("" for a flat folder).
MODEL_MODULES = (
    ("models", ""),
    ("models.shared", "shared"),
    ("models.components", "components"),
    ("models.operations", "operations"),
    ("errors", "errors"),
    ("models.errors", "errors"),
)


def docs_pages(docs_dir):
    """Every page of the docs folder, as paths relative to it (`shared/x.md`)."""
    out = []
    for dirpath, dirnames, filenames in os.walk(docs_dir):
        dirnames.sort()
        rel = os.path.relpath(dirpath, docs_dir)
        for f in sorted(filenames):
            if f.endswith(".md"):
                out.append(f if rel == "." else rel.replace(os.sep, "/") + "/" + f)
    return out


def sdk_classes(package):
    """[(class, docs subfolder of its module)] for every class of the SDK's model modules."""
    if pydantic is None:
        out, failed = v1.load(package)
        for modname, err in failed:
            print(f"  not importable, its models are left out: {modname}: {err}", file=sys.stderr)
        return out
    out = []
    for modname, folder in MODEL_MODULES:
        try:
            mod = importlib.import_module(package + "." + modname)
        except ImportError:
            continue
        for name in sorted(set(getattr(mod, "__all__", None) or dir(mod))):
            try:
                obj = getattr(mod, name)
            except Exception:  # lazy imports that fail: not a model we can test
                continue
            if isinstance(obj, type) and obj.__module__.startswith(package + "."):
                out.append((obj, folder))
    return out


def find_page(cname, folder, pages):
    """The page of class `cname` from a module whose pages are in `folder`: the file named
    after the lowercased class (or with a trailing `_`), in that folder first, else the only
    such page anywhere."""
    names = (cname.lower() + ".md", cname.lower() + "_.md")
    prefix = folder + "/" if folder else ""
    for n in names:
        if prefix + n in pages:
            return prefix + n
    for n in names:
        found = [p for p in pages if p == n or p.endswith("/" + n)]
        if len(found) == 1:
            return found[0]
    return None


def find_models(package, docs_dir):
    """Returns [(page title, model class, page path)] for every model with a docs page: pydantic
    models (v2 SDKs) or `dataclasses_json` dataclasses (v1 SDKs)."""
    pages = set(docs_pages(docs_dir))
    found = {}
    for cls, folder in sdk_classes(package):
        cname = cls.__name__
        model = None
        if pydantic is not None and issubclass(cls, pydantic.BaseModel):
            if cname == "Unset":
                continue
            model = cls
        elif v1.is_model(cls):
            model = cls
        elif pydantic is not None and issubclass(cls, BaseException):
            # Error classes carry their body as `data: <Name>Data`, a pydantic model; the page
            # is named after the error class.
            try:
                data = typing.get_type_hints(cls).get("data")
            except Exception:  # unresolvable annotations: not a model we can test
                data = None
            if isinstance(data, type) and issubclass(data, pydantic.BaseModel):
                model = data
        if model is None:
            continue
        page = find_page(cname, folder, pages)
        if page is not None:
            found.setdefault(page, (cname, model, page))
    # (A `<Name>Data` model has no page of its own: it is tested under the error's title.)
    return [found[k] for k in sorted(found)]


def model_registry(package):
    if pydantic is None:
        return {}
    reg = {}
    for cls, _ in sdk_classes(package):
        if issubclass(cls, pydantic.BaseModel):
            reg.setdefault(cls.__name__, cls)
    return reg


# ---------------------------------------------------------------------------------------------
# The schema: pydantic's, with open enums spelled out, `Unset` removed, integers bounded


def _is_type_alias(obj, *names):
    return type(obj).__name__ == "TypeAliasType" and getattr(obj, "__name__", None) in names


def _open_enum_flag(metadata):
    """The SDK's `PlainValidator(validate_open_enum(is_int))`: returns 'int', 'str' or None."""
    for m in metadata:
        func = getattr(m, "func", None)
        if func is None or getattr(func, "__qualname__", "").split(".")[0] != "validate_open_enum":
            continue
        for cell in func.__closure__ or ():
            if isinstance(cell.cell_contents, bool):
                return "int" if cell.cell_contents else "str"
        return "str"
    return None


def _mentions_enum(tp, seen=None):
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return True
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return _mentions_enum(args[0])
    return any(_mentions_enum(a) for a in args if not isinstance(a, (str, int, bool)))


class SchemaBuilder:
    """Turns a field annotation into a JSON schema where pydantic's own is unhelpful: open
    enums (pydantic gives `{}` or a bare string for them) get their known values and any other
    string; everything else is delegated to pydantic."""

    def __init__(self, defs):
        self.defs = defs

    def annotation(self, tp, open_kind=None):
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Annotated:
            return self.annotation(args[0], _open_enum_flag(args[1:]) or open_kind)
        if _is_type_alias(origin, "Nullable", "OptionalNullable"):
            return {"anyOf": [self.annotation(args[0], open_kind), {"type": "null"}]}
        if origin is typing.Union or type(tp).__name__ == "UnionType":
            members = []
            for a in args:
                if a is type(None):
                    members.append({"type": "null"})
                elif getattr(a, "__name__", "") == "Unset":
                    continue
                else:
                    members.append(self.annotation(a, open_kind))
            return {"anyOf": members}
        if origin in (list, typing.List):
            return {"type": "array", "items": self.annotation(args[0], open_kind)}
        if origin in (dict, typing.Dict):
            return {"type": "object", "additionalProperties": self.annotation(args[1], open_kind)}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            values = [e.value for e in tp]
            is_int = issubclass(tp, int)
            # The older SDKs' `validate_open_enum` lets `None` through whatever the field's
            # type says, so those fields accept (and write back) null.
            members = [{"type": "null"}] if open_kind else []
            if type(tp).__name__ == "OpenEnumMeta" and open_kind is None:
                open_kind = "int" if is_int else "str"
            if open_kind:
                base = {"type": "integer" if open_kind == "int" else "string"}
                return {"anyOf": [{"enum": values}, base] + members}
            return {"enum": values}
        if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel):
            return self.model_ref(tp)
        schema = pydantic.TypeAdapter(tp).json_schema(
            by_alias=True, ref_template="#/$defs/{model}"
        )
        for k, v in schema.pop("$defs", {}).items():
            self.defs.setdefault(k, v)
        return schema

    def model_ref(self, cls):
        for key, d in self.defs.items():
            if d.get("title") == cls.__name__ and "properties" in d:
                return {"$ref": "#/$defs/" + key}
        schema = cls.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
        for k, v in schema.pop("$defs", {}).items():
            self.defs.setdefault(k, v)
        key = cls.__name__
        while key in self.defs and self.defs[key].get("title") != cls.__name__:
            key += "_"
        self.defs[key] = schema
        return {"$ref": "#/$defs/" + key}


_TYPE_KEYS = {"type", "$ref", "anyOf", "oneOf", "allOf", "enum", "const", "not"}


def fix_model_properties(schema, cls, builder, registry):
    """Rewrites the properties of the object schema `schema` of model `cls`. Unless the model
    keeps extra keys (`extra="allow"`), no unknown keys are drawn: the SDK ignores them, and
    one fixture per model tests that (see `with_unknown_key`)."""
    if (
        cls.model_config.get("extra") != "allow"
        and schema.get("type") == "object"
        and "additionalProperties" not in schema
    ):
        schema["additionalProperties"] = False
    props = schema.get("properties")
    if not isinstance(props, dict):
        return
    by_alias = {}
    for name, f in cls.model_fields.items():
        by_alias[f.alias or name] = f
    for key, prop in list(props.items()):
        f = by_alias.get(key)
        if f is None:
            continue
        empty = not (_TYPE_KEYS & set(prop))
        ann = f.annotation
        if f.metadata:
            ann = typing.Annotated[(ann, *f.metadata)]
        if empty or _mentions_enum(ann):
            new = builder.annotation(ann)
            for k in ("title", "description"):
                if k in prop:
                    new[k] = prop[k]
            props[key] = new


def build_schema(cls, registry):
    schema = cls.model_json_schema(by_alias=True)
    defs = schema.pop("$defs", {})
    builder = SchemaBuilder(defs)
    fix_model_properties(schema, cls, builder, registry)
    done = set()
    while True:
        todo = [k for k in defs if k not in done]
        if not todo:
            break
        for k in todo:
            done.add(k)
            d = defs[k]
            model = registry.get(d.get("title", ""))
            if model is not None and "properties" in d:
                if set(d["properties"]) <= {f.alias or n for n, f in model.model_fields.items()}:
                    fix_model_properties(d, model, builder, registry)
    schema = clean(schema, defs)
    defs = {k: clean(v, defs) for k, v in defs.items()}
    return schema, defs


def _is_unset(s, defs):
    if not isinstance(s, dict):
        return False
    if s.get("title") == "Unset":
        return True
    ref = s.get("$ref", "")
    if ref.startswith("#/$defs/"):
        target = defs.get(ref[len("#/$defs/"):], {})
        return target.get("title") == "Unset"
    return False


def clean(s, defs):
    """Removes the `Unset` alternative and the sentinel defaults; bounds integers to i64."""
    if isinstance(s, list):
        return [clean(x, defs) for x in s]
    if not isinstance(s, dict):
        return s
    out = {}
    for k, v in s.items():
        if k == "default":
            continue  # defaults do not constrain instances; the sentinel is not JSON
        if k in ("anyOf", "oneOf"):
            v = [clean(x, defs) for x in v if not _is_unset(x, defs)]
        elif k in ("properties", "patternProperties", "$defs", "dependentSchemas"):
            v = {pk: clean(pv, defs) for pk, pv in v.items()}
        else:
            v = clean(v, defs)
        out[k] = v
    for k in ("anyOf", "oneOf"):
        if k in out and len(out[k]) == 1 and not (set(out) - {k, "title", "description"}):
            only = out.pop(k)[0]
            only = dict(only)
            for kk in ("title", "description"):
                if kk in out:
                    only.setdefault(kk, out[kk])
            out = only
    t = out.get("type")
    if t == "integer" or (isinstance(t, list) and "integer" in t):
        out["minimum"] = max(out.get("minimum", I64_MIN), I64_MIN)
        out["maximum"] = min(out.get("maximum", I64_MAX), I64_MAX)
    return out


def has_ref(s):
    if isinstance(s, dict):
        return "$ref" in s or any(has_ref(v) for v in s.values())
    if isinstance(s, list):
        return any(has_ref(v) for v in s)
    return False


ANNOTATIONS = {"title", "description", "examples", "deprecated", "readOnly", "writeOnly"}
MAX_NESTED_ITEMS = 3


class Strategies:
    """Hypothesis strategies for a schema with `$defs`. Schemas without references go to
    hypothesis-jsonschema whole; above them, objects, unions and arrays are composed here, one
    strategy per definition (`st.deferred`), so that shared definitions are not copied into
    every place that uses them (inlining them all makes schemas of megabytes) and recursive
    models work."""

    def __init__(self, defs):
        self.defs = defs
        self.refs = {}

    def ref(self, target):
        key = target[len("#/$defs/"):]
        if key not in self.refs:
            self.refs[key] = st.deferred(lambda: self.build(self.defs[key]))
        return self.refs[key]

    def build(self, s):
        if not has_ref(s):
            return from_schema(s, custom_formats=CUSTOM_FORMATS, allow_x00=False, codec="ascii")
        rest = set(s) - ANNOTATIONS
        if rest == {"$ref"}:
            return self.ref(s["$ref"])
        # (A `discriminator` only speeds up pydantic's choice; the members' tag constants say it.)
        if rest - {"discriminator"} in ({"anyOf"}, {"oneOf"}):
            return st.one_of([self.build(x) for x in s.get("anyOf", s.get("oneOf"))])
        if rest == {"allOf"} and len(s["allOf"]) == 1:
            return self.build(s["allOf"][0])
        t = s.get("type")
        if t == "object" and rest <= {"type", "properties", "required", "additionalProperties", "title"}:
            props = s.get("properties", {})
            required = set(s.get("required", []))
            fixed = {k: self.build(v) for k, v in props.items() if k in required}
            optional = {k: self.build(v) for k, v in props.items() if k not in required}
            strategy = st.fixed_dictionaries(fixed, optional=optional)
            extra = s.get("additionalProperties", True)
            if extra is not False:
                values = self.build(extra if isinstance(extra, dict) else {})
                keys = st.text(st.characters(codec="ascii"), max_size=8).filter(lambda k: k not in props)
                more = st.dictionaries(keys, values, max_size=MAX_NESTED_ITEMS)
                strategy = st.tuples(strategy, more).map(lambda p: {**p[1], **p[0]})
            return strategy
        if t == "array" and rest <= {"type", "items", "minItems", "maxItems"}:
            lo = s.get("minItems", 0)
            hi = s.get("maxItems", max(lo, MAX_NESTED_ITEMS))
            return st.lists(self.build(s.get("items", {})), min_size=lo, max_size=hi)
        raise ValueError(f"schema shape not handled: {sorted(rest)}")


CUSTOM_FORMATS = {
    "uuid": st.uuids().map(str),
    "uuid4": st.uuids(version=4).map(str),
    "binary": st.text(),
}


# ---------------------------------------------------------------------------------------------
# Drawing and judging


def draw(strategy, n, key):
    values = []

    def collect(value):
        values.append(value)

    test = given(strategy)(collect)
    test = seed(zlib.crc32(key.encode()))(test)
    test = settings(
        max_examples=n,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )(test)
    test()
    return values


def swallowed(value):
    """True when a field that the input set holds the SDK's `Unset`: the SDK's
    `OptionalNullable[Union[...]]` accepts an object that matches no member as `Unset` (a model
    without fields) and then drops it. Such an acceptance loses the input and is no oracle."""
    if isinstance(value, pydantic.BaseModel):
        for name in value.model_fields_set:
            v = getattr(value, name, None)
            if type(v).__name__ == "Unset" or swallowed(v):
                return True
        return False
    if isinstance(value, (list, tuple)):
        return any(swallowed(v) for v in value)
    if isinstance(value, dict):
        return any(swallowed(v) for v in value.values())
    return False


def sdk_accepts(cls, text, strict=False):
    """The SDK's output for the input text, or None when it rejects it. With `strict`, an
    input part of which the SDK silently swallowed (see `swallowed`) counts as rejected."""
    if v1.is_model(cls):
        return v1.accepts(cls, text)
    try:
        inst = cls.model_validate_json(text)
    except (pydantic.ValidationError, ValueError, TypeError):
        return None
    if strict and swallowed(inst):
        return None
    try:
        return inst.model_dump_json(by_alias=True)
    except Exception:
        return None


def file_content_model(cls, seen=None):
    """True for multipart upload models: a field (here or in a nested model) holds file
    content (`Union[bytes, IO[bytes], io.IOBase]`). Their JSON dump is not a wire format: the
    SDK writes the content under the alias "" and then loses it to `null`."""
    seen = set() if seen is None else seen
    if cls in seen:
        return False
    seen.add(cls)

    def walk(tp):
        if getattr(tp, "__name__", "") in ("IOBase", "BufferedReader", "IO"):
            return True
        if typing.get_origin(tp) is not None and getattr(typing.get_origin(tp), "__name__", "") == "IO":
            return True
        if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel):
            return file_content_model(tp, seen)
        args = typing.get_args(tp)
        if typing.get_origin(tp) is typing.Annotated:
            args = args[:1]
        return any(walk(a) for a in args if not isinstance(a, (str, int, bool)))

    if v1.is_model(cls):
        return False
    return any(walk(f.annotation) for f in cls.model_fields.values())


def kind(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


WRONG = [
    ("array", [1, "x"]),
    ("string", "not-a-value-of-this-field"),
    ("object", {"unexpected": "object"}),
    ("boolean", True),
    ("number", 3.5),
]


def select_accepted(accepted, n):
    """Deterministic choice of at most n fixtures: the first (hypothesis' simplest) and then
    those with a new set of top-level keys, then the largest."""
    out, seen_inputs, seen_shapes = [], set(), set()

    def shape(t):
        try:
            v = json.loads(t)
        except ValueError:
            return None
        if isinstance(v, dict):
            return tuple(sorted((k, kind(x)) for k, x in v.items()))
        return kind(v)

    for text, exp in accepted:
        if len(out) >= n:
            break
        s = shape(text)
        if text in seen_inputs or s in seen_shapes:
            continue
        out.append((text, exp))
        seen_inputs.add(text)
        seen_shapes.add(s)
    rest = sorted(
        (a for a in accepted if a[0] not in seen_inputs), key=lambda a: (-len(a[0]), a[0])
    )
    for text, exp in rest:
        if len(out) >= n:
            break
        if text not in seen_inputs:
            out.append((text, exp))
            seen_inputs.add(text)
    return out


UNKNOWN_KEY = "x-conformance-unknown"


def with_unknown_key(cls, accepted):
    """The largest accepted object input plus a key the model does not declare, if the SDK
    still accepts it (it ignores unknown keys, or keeps them with `extra="allow"`)."""
    objs = [(t, json.loads(t)) for t, _ in accepted]
    objs = [(t, o) for t, o in objs if isinstance(o, dict) and UNKNOWN_KEY not in o]
    if not objs:
        return None
    _, obj = max(objs, key=lambda p: (len(p[0]), p[0]))
    obj = dict(obj)
    obj[UNKNOWN_KEY] = {"nested": [1, "two", None]}
    text = json.dumps(obj)
    exp = sdk_accepts(cls, text, strict=True)
    return (text, exp) if exp is not None else None


def _deref(s, defs):
    while isinstance(s, dict) and set(s) - ANNOTATIONS == {"$ref"}:
        s = defs.get(s["$ref"][len("#/$defs/"):], {})
    return s


def overlapping_unions(schema, defs):
    """[(key, [(member schema, member title)])] for the properties of the model whose type is a
    union with two or more object members that share a field name: the unions where which
    member an input reads as is a choice (pydantic's smart mode) and not a given."""
    out = []
    for key, prop in (schema.get("properties") or {}).items():
        prop = _deref(prop, defs)
        members = []

        def collect(ms):
            for m in ms:
                target = _deref(m, defs)
                nested = target.get("anyOf") or target.get("oneOf")
                if nested and not (set(target) - ANNOTATIONS - {"anyOf", "oneOf", "discriminator"}):
                    collect(nested)
                elif target.get("type") == "object" and target.get("properties"):
                    members.append((m, target))

        collect(prop.get("anyOf") or prop.get("oneOf") or [])
        shared = any(
            set(a[1]["properties"]) & set(b[1]["properties"])
            for i, a in enumerate(members)
            for b in members[i + 1:]
        )
        if shared:
            out.append((key, [(m, t.get("title", "?")) for m, t in members]))
    return out


UNION_DRAWS = 3


def union_fixtures(cls, title, schema, defs, accepted):
    """Inputs that put an instance of each object member of an overlapping union (see
    `overlapping_unions`) into the field, in the smallest accepted input: the first draw of a
    member is its simplest instance, often valid as another member too. The SDK's output is
    the oracle for which member it read. Returns [(input, expected, note)]."""
    objs = [json.loads(t) for t, _ in accepted]
    objs = [o for o in objs if isinstance(o, dict)]
    if not objs or defs is None:
        return []
    base = min(objs, key=lambda o: (len(json.dumps(o)), json.dumps(o, sort_keys=True)))
    registry = SDK["registry"]
    out, seen = [], {t for t, _ in accepted}
    for key, members in overlapping_unions(schema, defs):
        for member, member_title in members:
            try:
                values = draw(Strategies(defs).build(member), UNION_DRAWS, f"{title}.{key}.{member_title}")
            except Exception:  # noqa: BLE001 - a member that cannot be drawn adds nothing
                continue
            for v in values:
                obj = dict(base)
                obj[key] = v
                text = json.dumps(obj)
                if text in seen:
                    continue
                seen.add(text)
                exp = sdk_accepts(cls, text, strict=True)
                if exp is None:
                    continue
                also = []
                for _, other in members:
                    model = registry.get(other)
                    if other != member_title and model is not None:
                        try:
                            model.model_validate(v)
                            also.append(other)
                        except Exception:  # noqa: BLE001
                            pass
                note = f"union `{key}`: drawn as {member_title}"
                if also:
                    note += f", also valid as {', '.join(also)}"
                out.append((text, exp, note))
    return out


def rejected_fixtures(cls, root_schema, accepted):
    """A required field removed; a value of the wrong kind. Both checked against the SDK."""
    out = []
    objs = []
    for text, _ in accepted:
        v = json.loads(text)
        if isinstance(v, dict):
            objs.append(v)
    if not objs:
        return out
    biggest = max(objs, key=lambda o: (len(o), json.dumps(o, sort_keys=True)))
    required = list(root_schema.get("required", []))
    # Prefer a required field whose value is null: `Nullable` fields must still be present.
    for obj in [biggest] + objs:
        order = [k for k in required if k in obj and obj[k] is None] + [
            k for k in required if k in obj
        ]
        done = False
        for k in order:
            mutated = {kk: vv for kk, vv in obj.items() if kk != k}
            text = json.dumps(mutated)
            if sdk_accepts(cls, text) is None:
                out.append((text, f"required field `{k}` removed"))
                done = True
                break
        if done:
            break
    keys = [k for k in required if k in biggest] + [k for k in biggest if k not in required]
    for k in keys:
        original = kind(biggest[k])
        done = False
        for wk, wv in WRONG:
            if wk == original:
                continue
            mutated = dict(biggest)
            mutated[k] = wv
            text = json.dumps(mutated)
            if sdk_accepts(cls, text) is None:
                out.append((text, f"`{k}` holds a JSON {wk} instead of a {original}"))
                done = True
                break
        if done:
            break
    return out


def process(item):
    title, page = item
    cls = SDK["models"][page]
    args = SDK["args"]
    base = {"class": title, "sdk_class": cls.__name__, "page": page}
    started = time.monotonic()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(args.timeout)
    accepted, drawn, swallowed_count = [], 0, 0
    if file_content_model(cls):
        return [dict(base, skipped="multipart upload model (file content): its JSON dump is not a wire format")]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                if v1.is_model(cls):
                    schema, defs = {"required": v1.required_names(cls)}, None
                else:
                    schema, defs = build_schema(cls, SDK["registry"])
            except Exception as e:  # noqa: BLE001 - any failure is a reason to skip
                first = str(e).strip().splitlines()[0] if str(e).strip() else ""
                return [dict(base, skipped=f"no JSON schema: {type(e).__name__}: {first}"[:300])]
            try:
                strategy = v1.strategy(cls) if defs is None else Strategies(defs).build(schema)
                values = draw(strategy, args.max_examples, title)
            except (HypothesisException, Exception) as e:  # noqa: BLE001
                first = str(e).strip().splitlines()[0] if str(e).strip() else ""
                return [dict(base, skipped=f"cannot draw instances: {type(e).__name__}: {first}"[:300])]
            seen = set()
            for v in values:
                drawn += 1
                text = json.dumps(v)
                if text in seen:
                    continue
                seen.add(text)
                exp = sdk_accepts(cls, text, strict=True)
                if exp is not None:
                    accepted.append((text, exp))
                elif sdk_accepts(cls, text) is not None:
                    swallowed_count += 1
            chosen = select_accepted(accepted, args.accepted)
            extra = with_unknown_key(cls, chosen)
            if extra is not None:
                chosen.append(extra)
            rejected = rejected_fixtures(cls, schema, chosen or accepted)
            unions = union_fixtures(cls, title, schema, defs, chosen) if args.unions else []
    except Timeout:
        return [dict(base, skipped=f"time cap of {args.timeout}s reached")]
    finally:
        signal.alarm(0)
    records = [dict(base, rejected=False, input=t, expected=e) for t, e in chosen]
    records += [dict(base, rejected=False, input=t, expected=e, union=n) for t, e, n in unions]
    records += [dict(base, rejected=True, input=t, why=w) for t, w in rejected]
    if not chosen:
        records.append(
            dict(
                base,
                skipped=f"the SDK accepted none of {drawn} drawn instances"
                + (f" ({swallowed_count} only by swallowing a value)" if swallowed_count else ""),
            )
        )
    if args.verbose:
        print(
            f"{title}: {len(chosen)} accepted of {drawn} drawn ({swallowed_count} swallowed), "
            f"{len(rejected)} rejected, {len(unions)} union, "
            f"{time.monotonic() - started:.1f}s",
            file=sys.stderr,
        )
    return records


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--package", required=True, help="the SDK's import name, e.g. syllable_sdk")
    ap.add_argument("--docs", required=True, help="the docs/models folder")
    ap.add_argument("--out", required=True, help="output .jsonl.gz")
    ap.add_argument("--accepted", type=int, default=8, help="accepted fixtures per model")
    ap.add_argument("--max-examples", type=int, default=40, help="instances drawn per model")
    ap.add_argument("--timeout", type=int, default=60, help="seconds per model")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", action="append", help="only these page titles")
    ap.add_argument("--every", type=int, default=1, help="only every N-th model (for a quick look)")
    ap.add_argument(
        "--no-unions",
        dest="unions",
        action="store_false",
        help="no extra inputs for unions whose object members share fields",
    )
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    started = time.monotonic()
    found = find_models(args.package, args.docs)
    if args.only:
        found = [f for f in found if f[0] in set(args.only)]
    found = found[:: max(args.every, 1)]
    SDK["models"] = {page: cls for _, cls, page in found}
    SDK["registry"] = model_registry(args.package)
    SDK["args"] = args
    items = [(title, page) for title, _, page in found]
    print(f"{len(items)} models with a docs page", file=sys.stderr)
    records = []
    if args.jobs > 1:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(args.jobs, maxtasksperchild=200) as pool:
            for recs in pool.imap(process, items, chunksize=1):
                records.extend(recs)
    else:
        for item in items:
            records.extend(process(item))

    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        for r in records:
            gz.write((json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n").encode())
    with open(args.out, "wb") as f:
        f.write(buf.getvalue())
    acc = sum(1 for r in records if r.get("rejected") is False)
    rej = sum(1 for r in records if r.get("rejected") is True)
    uni = [r for r in records if "union" in r]
    amb = sum(1 for r in uni if "also valid as" in r["union"])
    skipped = [r for r in records if "skipped" in r]
    print(
        f"{args.out}: {len(items)} models, {acc} accepted, {rej} rejected fixtures, "
        f"{len(skipped)} models skipped, {time.monotonic() - started:.0f}s; "
        f"{len(uni)} of the accepted fill an overlapping union ({amb} also valid as another member)",
        file=sys.stderr,
    )
    for r in skipped:
        print(f"  skipped {r['class']}: {r['skipped']}", file=sys.stderr)


if __name__ == "__main__":
    main()
