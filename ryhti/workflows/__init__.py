"""Jobs that span packages: convert a source, then prove the plan valid.

``ryhti.parsers`` turns a source into a plan and never imports the validators;
``ryhti.validators`` checks plans and never imports the converters. This package sits
above both and joins them the way a planner uses them: :func:`convert_and_validate`
converts, validates the plan it wrote with the same rules as ``ryhti validate``, and
traces every validation finding back to the source layer and feature (through the
conversion report), so a planner fixes the source, not the JSON.

>>> from ryhti.workflows import convert_and_validate
>>> outcome = convert_and_validate("kaava.gpkg", regulations="kaavamerkinnat.md")
>>> outcome.exit_code, outcome.validation.counts
>>> outcome.report["validation"]["findings"][0]["source"]   # {"file", "layer", "fid", …}
"""

from ryhti.workflows.convert import Outcome, convert_and_validate, trace_findings

__all__ = ["Outcome", "convert_and_validate", "trace_findings"]
