"""Rules of the lifecycle family."""
