"""Test-support code shared by the tests and the benchmarks (never imported by ``ryhti``)."""
