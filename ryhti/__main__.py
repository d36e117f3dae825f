"""``python -m ryhti`` runs the command line."""

from ryhti.cli import run

run()
