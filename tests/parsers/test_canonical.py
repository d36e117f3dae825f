"""The converter's fast key and signature helpers give exactly what the standard library gives.

Keys are uuid5 over these strings; a difference of one byte would change every key of every
converted plan, so the fast paths are checked against ``json.dumps`` and ``uuid.uuid5``.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ryhti.parsers.canonical import dumps_default_str, dumps_sorted
from ryhti.parsers.keys import uuid5_str

_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(),  # any text: quotes, control characters, ä, emoji
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(_json_values)
@settings(max_examples=300, deadline=None)
def test_signatures_are_what_json_dumps_gives(value: Any) -> None:
    assert dumps_sorted(value) == json.dumps(value, sort_keys=True, ensure_ascii=False)
    assert dumps_default_str(value) == json.dumps(value, ensure_ascii=False, default=str)


def test_default_str_turns_other_objects_into_text_like_json_dumps() -> None:
    import datetime as dt

    value = [dt.date(2024, 5, 2), {"n": uuid.UUID(int=1)}, ("a", 1)]
    assert dumps_default_str(value) == json.dumps(value, ensure_ascii=False, default=str)


@given(st.uuids(), st.text())
@settings(max_examples=300, deadline=None)
def test_uuid5_str_is_uuid5(namespace: uuid.UUID, name: str) -> None:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: uuid.uuid5 fails on them too
        return
    assert uuid5_str(namespace.bytes, name) == str(uuid.uuid5(namespace, name))
