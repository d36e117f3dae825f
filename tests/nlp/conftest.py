"""Shared fixtures: one extractor per test session (loading takes about a second)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extractor():
    from ryhti.nlp.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def types_of(extractor):
    def run(text, sign=None, plan_type=None):
        return [r.type for r in extractor.extract(text, sign, plan_type)]

    return run
