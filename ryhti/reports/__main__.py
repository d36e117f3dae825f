"""``python -m ryhti.reports REPORT.json --format sarif -o out.sarif``: the ``ryhti report`` command.

Runs the command with the same error handling as ``ryhti`` itself (one line on
stderr and exit code 2 for unreadable input), for environments where only the
module path is known, such as the GitHub Action.
"""

from __future__ import annotations

import sys

from ryhti.cli import COMMANDS, main

if __name__ == "__main__":
    COMMANDS.setdefault("report", "ryhti.reports.cli:report")
    main(["report", *sys.argv[1:]])
