"""ryhti: Finnish land-use plans to RYHTI plan data, and proof that the data is right."""

from __future__ import annotations

__version__ = "0.1.0"
