"""Property: any JSON object loads and dumps back unchanged, whatever its shape.

Documents are generated from the model's own field declarations, with the right
types most of the time and arbitrary JSON (wrong types, unknown keys, nulls,
huge and tiny numbers) the rest, so both typed and tolerant paths are exercised.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ryhti.model import KINDS, VALUE_CLASSES, Model, from_json
from ryhti.model.base import FieldSpec

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
any_json = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=8), inner, max_size=3),
    ),
    max_leaves=8,
)


def _for_spec(spec: FieldSpec, depth: int) -> st.SearchStrategy[Any]:
    typed: st.SearchStrategy[Any]
    if spec.kind == "object" and spec.model is not None:
        typed = _document(spec.model, depth + 1)
    elif spec.kind == "value":
        typed = st.sampled_from(sorted(VALUE_CLASSES)).flatmap(lambda name: _value(name, depth))
    elif spec.kind == "array":
        if spec.item_kind == "object" and spec.item_model is not None:
            typed = st.lists(_document(spec.item_model, depth + 1), max_size=2)
        else:
            typed = st.lists(scalars, max_size=3)
    else:
        typed = {
            "string": st.text(max_size=20),
            "integer": st.integers(min_value=-(2**40), max_value=2**40),
            "number": st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers()),
            "boolean": st.booleans(),
        }.get(spec.kind, any_json)
    return st.one_of(typed, typed, typed, any_json) if depth < 3 else any_json


def _value(name: str, depth: int) -> st.SearchStrategy[dict[str, Any]]:
    return _document(VALUE_CLASSES[name], depth + 1).map(lambda d: {**d, "dataType": name})


def _document(cls: type[Model], depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    if depth > 3:
        return st.dictionaries(st.text(max_size=6), scalars, max_size=2)
    specs = cls.specs()
    fields = st.fixed_dictionaries(
        {}, optional={s.json: st.deferred(lambda s=s: _for_spec(s, depth)) for s in specs}
    )
    extra = st.dictionaries(
        st.text(min_size=1, max_size=8).filter(lambda k: cls.spec(k) is None), any_json, max_size=2
    )
    return st.tuples(fields, extra).map(lambda t: {**t[0], **t[1]})


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.sampled_from(sorted(KINDS)).flatmap(
        lambda kind: st.tuples(st.just(kind), _document(KINDS[kind]))
    )
)
def test_any_document_round_trips(case: tuple[str, dict[str, Any]]) -> None:
    kind, data = case
    original = copy.deepcopy(data)
    doc = from_json(data, kind)
    dumped = doc.to_json()
    assert dumped == original
    assert data == original
    # and through text, as a file would be written and read
    assert json.loads(json.dumps(dumped)) == json.loads(json.dumps(original))
    unknown = {path for path, _ in doc.unknown_properties()}
    assert all(path.startswith("$") for path in unknown)
