"""No regular expression of the package may hang on any input.

Every pattern (module constants and inline literals, see ``regex_guard``) is run on
runs and alternations of the characters it accepts, 48 and 10,000 characters long,
followed by one it does not; a pattern that takes a second on any of them fails.
The planted pattern below is the notation check that froze ``ryhti extract`` on a
line of spaced numbers: the guard must catch it, or the guard itself is broken.
"""

from __future__ import annotations

import re

import pytest

from tests.core.regex_guard import package_patterns, time_pattern

PATTERNS = package_patterns()

#: The form of ``_NOTATION_RE`` that backtracked exponentially ("1 " * 16 + "x": 24 s).
CATASTROPHIC = re.compile(
    r"^[\s(]*(?:[+]?\d[\d \u00a0.,]*|[IVXL]+[½⅓⅔¼¾]?|e\s*=?\s*\d+[,.]?\d*|[½⅓⅔¼¾]k|u[½⅓⅔¼¾]"
    r"|k-m[²2]|kem[²2]|m[²³23]|ap|pp|/|-|–|\s|asunto|as|%|°|dB\(A\)|dB|db|m)+[\s.)]*$"
)


def test_the_guard_finds_the_package_patterns():
    where = {found.where for found in PATTERNS}
    assert len(PATTERNS) > 60
    assert "ryhti.nlp.pipeline._NOTATION_RE" in where
    assert any(w.startswith("ryhti/nlp/legend.py:") for w in where)  # inline literal


def test_the_guard_catches_a_catastrophic_pattern():
    slow = time_pattern(CATASTROPHIC, limit=0.2)
    assert slow, "the guard did not notice exponential backtracking"


@pytest.mark.parametrize("found", PATTERNS, ids=[f.where for f in PATTERNS])
def test_pattern_is_fast_on_adversarial_strings(found):
    slow = time_pattern(found.pattern, limit=1.0, anchored=found.anchored)
    assert not slow, (
        f"{found.where}: {found.pattern.pattern!r} took {slow[0][1]:.1f} s on {slow[0][0]!r}"
    )
