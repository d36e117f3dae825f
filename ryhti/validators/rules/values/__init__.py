"""Rules of the values family."""
