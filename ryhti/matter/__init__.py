"""The plan matter (kaava-asia), built offline from a short TOML file and the plan.

``ryhti matter init`` writes a commented ``matter.toml``; ``ryhti matter build`` turns
it and the plan into the ``PlanMatterCreate`` JSON that ``ryhti submit`` sends. None
of this talks to a server, which is why it lives here and not in :mod:`ryhti.api`
(the client imports the manifest format from here, never the other way round).

Modules: :mod:`~ryhti.matter.codes` (codes chosen by their Finnish names),
:mod:`~ryhti.matter.toml_input` (typed reading with the TOML line in every error),
:mod:`~ryhti.matter.template`, :mod:`~ryhti.matter.documents` (attachments and plan
maps), :mod:`~ryhti.matter.manifest` (files to upload), :mod:`~ryhti.matter.keys`,
:mod:`~ryhti.matter.builder` (the build itself).
"""

from __future__ import annotations

from ryhti.matter.builder import BuiltMatter, build_matter
from ryhti.matter.keys import MATTER_NAMESPACE
from ryhti.matter.manifest import MANIFEST_FORMAT, load_manifest, manifest_path
from ryhti.matter.template import init_template

__all__ = [
    "MANIFEST_FORMAT",
    "MATTER_NAMESPACE",
    "BuiltMatter",
    "build_matter",
    "init_template",
    "load_manifest",
    "manifest_path",
]
