"""Rules of the codes family."""
