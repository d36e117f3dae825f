"""Rules of the geometry family."""
