"""The test suite (a package, so that ``python -m tests.…`` finds it before any other ``tests``)."""
