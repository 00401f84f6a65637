#!/usr/bin/env python3
"""Variants of a generated models file, to see what its compile time is made of.

    python3 codegen/benches/variants.py MODELS.rs VARIANT OUT.rs

then `codegen/benches/compile-time.sh base=MODELS.rs variant=OUT.rs`. The support module is
always left as it is. Most variants change the JSON behaviour: they are for measuring only.

  no-serde             no serde derives, serde attributes or serde impls on the models
  serialize-only       Serialize only (no Deserialize derives or impls)
  deserialize-only     Deserialize only
  no-std-derives       no Debug, Clone, PartialEq derives on structs and unions
  tri-state-as-option  support::OptionalNullable<T> fields become Option<T>
  no-deserialize-with  required nullable fields lose their deserialize_with
  unions-tagged        unions lose #[serde(untagged)]
  no-flatten           additional_properties maps lose #[serde(flatten)]
  enums-derived        string enums use serde's derive with #[serde(other)]
  enums-only           only the string enums are kept (with the support module)
  floor                the floor of compile time: the same type definitions (models and support
                       module) with their std derives, without serde's derives and attributes
                       and without any other item (impls, functions, macros and their
                       invocations); applies to the whole file, support module included
"""
import re
import sys

SERDE_IMPL = (
    r"\n( *)(#\[allow\(deprecated\)\]\n\1)?impl(<'de>)? ::serde::"
    r"(Serialize|Deserialize<'de>) for \w+ \{\n.*?\n\1\}\n"
)
SERIALIZE_IMPL = r"\n( *)(#\[allow\(deprecated\)\]\n\1)?impl ::serde::Serialize for \w+ \{\n.*?\n\1\}\n"
DESERIALIZE_IMPL = (
    r"\n( *)(#\[allow\(deprecated\)\]\n\1)?impl<'de> ::serde::Deserialize<'de> for \w+ \{\n.*?\n\1\}\n"
)
BOTH = ", ::serde::Serialize, ::serde::Deserialize)"


ATTRIBUTE = re.compile(r"^ *(///|//|#\[|#!\[)")
KEPT_ITEM = re.compile(r"^ *(pub(\([a-z]+\))? )?(mod \w+ \{$|struct |enum |type )")
# Hand-written impls of derivable std traits for the support module's generic types: kept,
# since the derives of the models that hold them need them (the models' own impls, such as a
# `Default` calling `new`, are not generic and go).
STD_IMPL = re.compile(
    r"^ *impl<[^>]*> (::std::(fmt|hash|cmp|clone|default|marker)::)?"
    r"(Clone|Copy|PartialEq|Eq|Hash|Debug|Default|PartialOrd|Ord)(<[^>]*>)? for "
)
SERDE_ATTRIBUTE = re.compile(r"^ *#\[serde\b")


def without_serde_derives(attribute):
    """A `#[derive(..)]` line without serde's derives; None when nothing is left."""
    if not re.match(r"^ *#\[derive\(", attribute):
        return attribute
    kept = re.sub(r",? *::serde::(Serialize|Deserialize)\b", "", attribute)
    kept = kept.replace("(, ", "(")
    return None if re.match(r"^ *#\[derive\(\)\]", kept) else kept


def attribute_end(lines, i):
    """The last line of the attribute starting at line i (prettyplease may wrap one)."""
    indent = len(lines[i]) - len(lines[i].lstrip())
    if lines[i].rstrip().endswith("]"):
        return i
    j = i + 1
    while not (lines[j].startswith(" " * indent + ")]") or lines[j].startswith(" " * indent + "]")):
        j += 1
    return j


def item_end(lines, i):
    """The last line of the item starting at line i of a prettyplease-formatted file: the
    line itself when it ends the item, else the first later line at the same indentation that
    closes it (`}`, or `);` for a tuple struct or a macro invoked with parentheses)."""
    line = lines[i].rstrip()
    if line.endswith(";") or line.endswith("{}"):
        return i
    indent = " " * (len(line) - len(line.lstrip()))
    j = i + 1
    while not (lines[j].startswith(indent + "}") or lines[j].rstrip() == indent + ");"):
        j += 1
    return j


def floor(models):
    """The same type definitions, without what serde and the generator add to them: modules,
    structs, enums and type aliases keep their docs, fields and derives of std traits (and the
    support module its hand-written impls of those); serde's derives and attributes go, and
    every other item (impls, functions, traits, constants, macros and their invocations, `use`)
    is dropped with its attributes. Works on the whole file, support module included."""
    lines = models.split("\n")
    out, pending, i = [], [], 0

    def keep_attributes(attributes):
        for a in attributes:
            if SERDE_ATTRIBUTE.match(a[0]):
                continue
            first = without_serde_derives(a[0])
            if first is not None:
                out.append(first)
                out.extend(a[1:])

    while i < len(lines):
        line = lines[i]
        if ATTRIBUTE.match(line):
            end = attribute_end(lines, i) if line.lstrip().startswith("#") else i
            pending.append(lines[i : end + 1])
            i = end + 1
            continue
        if not line.strip() or line.strip() == "}":
            keep_attributes(pending)
            pending = []
            out.append(line)
            i += 1
            continue
        kept = KEPT_ITEM.match(line)
        module = kept and kept.group(3).startswith("mod ")
        end = i if module else item_end(lines, i)
        if kept or STD_IMPL.match(line):
            keep_attributes(pending)
            if module:
                # The support module's private types, their impls gone, would each warn of
                # dead code in every floor build.
                out.append(line[: len(line) - len(line.lstrip())] + "#[allow(dead_code)]")
            k = i
            while k <= end:
                if SERDE_ATTRIBUTE.match(lines[k]):
                    k = attribute_end(lines, k) + 1
                    continue
                out.append(lines[k])
                k += 1
        pending = []
        i = end + 1
    return "\n".join(out)


def enums_only(models):
    """Drops every struct and union (and their inherent impls), keeping string enums."""
    lines = models.split("\n")
    out, removed, i = [], set(), 0

    def block_end(start, indent):
        j = start
        if lines[j].rstrip().endswith((";", "}")) and "{" not in lines[j]:
            return j
        while not lines[j].startswith(indent + "}"):
            j += 1
        return j

    while i < len(lines):
        item = re.match(r"^( *)pub (struct|enum) (\w+)", lines[i])
        inherent = re.match(r"^( *)impl (\w+) \{", lines[i])
        # Trait impls of a removed type (a union's `Deserialize` and `From`s, a struct's
        # written serde impls and `StructFields`).
        trait_impl = re.match(r"^( *)impl(<[^>]*>)? .+ for (\w+) \{$", lines[i])
        if item:
            indent = item.group(1)
            k = len(out)
            while k > 0 and (out[k - 1].startswith(indent + "///") or out[k - 1].startswith(indent + "#[")):
                k -= 1
            attributes = out[k:]
            string_enum = item.group(2) == "enum" and not any("::serde::Serialize" in a for a in attributes)
            end = block_end(i, indent)
            if string_enum:
                out.extend(lines[i : end + 1])
            else:
                del out[k:]
                removed.add(item.group(3))
            i = end + 1
            continue
        # An impl of a removed type goes with its `#[allow(deprecated)]`.
        of_removed = next(
            (m for m, name in ((trait_impl, 3), (inherent, 2)) if m and m.group(name) in removed),
            None,
        )
        if of_removed:
            end = block_end(i, of_removed.group(1))
            if out and out[-1].strip() == "#[allow(deprecated)]":
                out.pop()
            i = end + 1
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def variant(models, name):
    if name == "floor":
        return floor(models)
    if name == "no-serde":
        models = models.replace(BOTH, ")")
        models = re.sub(r"^ *#\[serde\([^\n]*\)\]\n", "", models, flags=re.M)
        return re.sub(SERDE_IMPL, "\n", models, flags=re.S)
    if name == "serialize-only":
        models = models.replace(BOTH, ", ::serde::Serialize)")
        models = re.sub(r"^ *#\[serde\((deserialize_with|default)[^\n]*\)\]\n", "", models, flags=re.M)
        return re.sub(DESERIALIZE_IMPL, "\n", models, flags=re.S)
    if name == "deserialize-only":
        models = models.replace(BOTH, ", ::serde::Deserialize)")
        models = re.sub(r"skip_serializing_if = \"[^\"]*\"", "", models)
        models = models.replace("#[serde(default, )]", "#[serde(default)]")
        return re.sub(SERIALIZE_IMPL, "\n", models, flags=re.S)
    if name == "no-std-derives":
        return models.replace("#[derive(Debug, Clone, PartialEq" + BOTH + "]", "#[derive(::serde::Serialize, ::serde::Deserialize)]")
    if name == "tri-state-as-option":
        models = re.sub(r"(self|super(::super)*)::support::OptionalNullable::is_absent", "Option::is_none", models)
        return re.sub(r"(self|super(::super)*)::support::OptionalNullable<", "Option<", models)
    if name == "no-deserialize-with":
        return re.sub(r"^ *#\[serde\(deserialize_with = [^\n]*\)\]\n", "", models, flags=re.M)
    if name == "unions-tagged":
        return models.replace("#[serde(untagged)]\n", "")
    if name == "no-flatten":
        return re.sub(r"^ *#\[serde\(flatten\)\]\n", "", models, flags=re.M)
    if name == "enums-derived":
        models = re.sub(SERDE_IMPL, "\n", models, flags=re.S)
        models = re.sub(
            r"#\[derive\(Debug, Clone, (Copy, )?PartialEq, Eq, Hash\)\]",
            lambda m: m.group(0)[:-2] + ", ::serde::Serialize, ::serde::Deserialize)]",
            models,
        )
        models = re.sub(r"^( *)Unknown\((::std::string::)?String\),", r"\1#[serde(other)]\n\1Unknown,", models, flags=re.M)
        return models.replace("Self::Unknown(value) => value.as_str(),", 'Self::Unknown => "",')
    if name == "enums-only":
        return enums_only(models)
    raise SystemExit(f"unknown variant {name}; see --help")


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    src = open(sys.argv[1]).read()
    if sys.argv[2] == "floor":
        out = floor(src)
    else:
        cut = src.index("/// Types the generated models share")
        models, support = src[:cut], src[cut:]
        out = variant(models, sys.argv[2]) + support
    open(sys.argv[3], "w").write(out)
    print(f"{sys.argv[2]}: {len(src)} -> {len(out)} bytes")


if __name__ == "__main__":
    main()
