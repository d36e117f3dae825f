"""Rules of the references family."""
