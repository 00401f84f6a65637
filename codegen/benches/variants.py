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
        if inherent and inherent.group(2) in removed:
            end = block_end(i, inherent.group(1))
            if out and out[-1].strip() == "#[allow(deprecated)]":
                out.pop()
            i = end + 1
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def variant(models, name):
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
    cut = src.index("/// Types the generated models share")
    models, support = src[:cut], src[cut:]
    out = variant(models, sys.argv[2]) + support
    open(sys.argv[3], "w").write(out)
    print(f"{sys.argv[2]}: {len(src)} -> {len(out)} bytes")


if __name__ == "__main__":
    main()
