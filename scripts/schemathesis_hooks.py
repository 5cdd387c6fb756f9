"""Schemathesis hooks for spec/apipagos.yaml (loaded by scripts/schemathesis.sh).

The spec declares check digits with `x-apipagos-check-digit` (CUIT; CBU or CVU by payment method),
an extension Schemathesis cannot read: its "valid" CUITs match the pattern but most have a wrong
check digit, which the client refuses before sending and the mock refuses with a 422. This hook
reads the same declarations from the spec and gives the identifiers of every POSITIVE case their
correct check digits, so that "schema-valid" means what the spec means. Negative cases are left
as generated.
"""

import os

import schemathesis
import yaml
from schemathesis import GenerationMode

SPEC = os.path.join(os.path.dirname(__file__), "..", "spec", "apipagos.yaml")
CBU_EXAMPLE = "0070005430004105439249"
CVU_EXAMPLE = "0000003100012345678907"


def _declarations():
    """(names of properties holding a CUIT, [(property, by, {value: kind})])."""
    with open(SPEC, encoding="utf-8") as spec_file:
        spec = yaml.safe_load(spec_file)
    schemas = spec["components"]["schemas"]
    string_level = {
        f"#/components/schemas/{name}": schema["x-apipagos-check-digit"]
        for name, schema in schemas.items()
        if isinstance(schema.get("x-apipagos-check-digit"), str)
    }
    cuit_fields = set()
    object_level = []
    for schema in schemas.values():
        declaration = schema.get("x-apipagos-check-digit")
        if isinstance(declaration, dict):
            object_level.append((declaration["property"], declaration["by"], declaration["kinds"]))
        for name, prop in (schema.get("properties") or {}).items():
            if string_level.get(_ref(prop)) == "cuit":
                cuit_fields.add(name)
    return cuit_fields, object_level


def _ref(prop):
    """The schema a property refers to: `$ref`, or the one `$ref` of an `allOf` (the spec's form
    for a described reference, see spec/README.md)."""
    if "$ref" in prop:
        return prop["$ref"]
    all_of = prop.get("allOf") or []
    if len(all_of) == 1 and isinstance(all_of[0], dict):
        return all_of[0].get("$ref")
    return None


CUIT_FIELDS, OBJECT_LEVEL = _declarations()


def _cuit(text):
    digits = [int(c) for c in text]
    for attempt in range(10):
        total = sum(d * w for d, w in zip(digits[:10], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]))
        check = 11 - total % 11
        if check != 10:
            return "".join(map(str, digits[:10])) + str(0 if check == 11 else check)
        digits[9] = (digits[9] + 1) % 10  # AFIP never issues this one: take the neighbour
    return text


def _account(text, kind):
    if len(text) != 22 or not text.isdigit():
        return CBU_EXAMPLE if kind == "cbu" else CVU_EXAMPLE
    digits = [int(c) for c in text]
    digits[:3] = [0, 0, 0] if kind == "cvu" else ([0, 0, 7] if digits[:3] == [0, 0, 0] else digits[:3])
    block = lambda part, weights: (10 - sum(d * w for d, w in zip(part, weights)) % 10) % 10
    digits[7] = block(digits[:7], [7, 1, 3, 9, 7, 1, 3])
    digits[21] = block(digits[8:21], [3, 9, 7, 1, 3, 9, 7, 1, 3, 9, 7, 1, 3])
    return "".join(map(str, digits))


def _fix(node):
    if isinstance(node, list):
        for item in node:
            _fix(item)
    elif isinstance(node, dict):
        for name in CUIT_FIELDS:
            value = node.get(name)
            if isinstance(value, str) and len(value) == 11 and value.isdigit():
                node[name] = _cuit(value)
        for prop, by, kinds in OBJECT_LEVEL:
            kind = kinds.get(node.get(by)) if isinstance(node.get(by), str) else None
            if kind and isinstance(node.get(prop), str):
                node[prop] = _account(node[prop], kind)
        for value in node.values():
            _fix(value)


@schemathesis.hook
def map_case(context, case):
    meta = case.meta
    if meta is not None and meta.generation.mode == GenerationMode.POSITIVE:
        _fix(case.body)
    return case
