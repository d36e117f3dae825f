"""Rules of the consistency family."""
