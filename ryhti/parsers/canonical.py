"""JSON text of small values for signatures and key names, the same as ``json.dumps``, fast.

The converter turns every distinct group, regulation value and quantity into a JSON
string (to compare them and to derive uuid5 keys from them): 300,000 strings for a
100,000-feature plan. ``json.dumps`` with any option builds a new encoder object per
call in Python, which costs more than encoding the few values; these functions reuse
one C encoder each. The text is exactly what ``json.dumps`` gives with the same
options (a test checks it), so keys derived from it do not change.
"""

from __future__ import annotations

import json
from _json import make_encoder as _c_make_encoder  # CPython's C encoder (the project needs CPython)
from typing import Any

__all__ = ["dumps_default_str", "dumps_sorted"]


def _encoder(*, sort_keys: bool, default: Any) -> Any:
    return _c_make_encoder(
        None,  # no circular check: signatures are small trees of JSON values
        default,
        json.encoder.encode_basestring,  # ensure_ascii=False
        None,  # no indent
        ": ",
        ", ",
        sort_keys,
        False,  # skipkeys
        True,  # allow_nan, as json.dumps
    )


def _raise(o: Any) -> Any:
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


_SORTED = _encoder(sort_keys=True, default=_raise)
_DEFAULT_STR = _encoder(sort_keys=False, default=str)


def _dumps(encoder: Any, obj: Any) -> str:
    if isinstance(obj, str):  # the C encoder takes containers and scalars, not bare text
        return json.encoder.encode_basestring(obj)
    return "".join(encoder(obj, 0))


def dumps_sorted(obj: Any) -> str:
    """``json.dumps(obj, sort_keys=True, ensure_ascii=False)``."""
    return _dumps(_SORTED, obj)


def dumps_default_str(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, default=str)``."""
    return _dumps(_DEFAULT_STR, obj)
