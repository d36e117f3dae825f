"""The provider's algorithms, in toolbox order."""

from .convert import ConvertLayers
from .documents import Describe, PlanMap
from .extract import ExtractRegulations
from .here import WhatAppliesHere
from .load import LoadPlan
from .validate import ValidatePlan

ALGORITHMS = (
    ValidatePlan,
    ConvertLayers,
    ExtractRegulations,
    LoadPlan,
    Describe,
    PlanMap,
    WhatAppliesHere,
)
