"""Extract regulations (``ryhti:extractregulations``): a text field → regulation codes.

Each feature's regulation text (and its legend sign, when a field holds one) goes to
``ryhti extract`` as one JSON line keyed by the feature id; the answers come back as
new fields on a copy of the layer. Nothing is accepted silently: a result under the
confidence threshold is flagged for review, and a line the toolkit could not read
keeps its error in ``ryhti_error``.
"""

from __future__ import annotations

import json
import os
from typing import Any

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QVariant

from .base import RyhtiAlgorithm

PLAN_LEVELS = ("asemakaava", "yleiskaava", "maakuntakaava")
#: The fields the algorithm adds (replacing fields of the same name from an earlier run).
NEW_FIELDS = (
    ("ryhti_codes", QVariant.String),
    ("ryhti_values", QVariant.String),
    ("ryhti_confidence", QVariant.Double),
    ("ryhti_review", QVariant.Bool),
    ("ryhti_regulations", QVariant.String),
    ("ryhti_error", QVariant.String),
)


class ExtractRegulations(RyhtiAlgorithm):
    NAME = "extractregulations"
    DISPLAY = "Extract regulations"
    GROUP = "Convert"
    GROUP_ID = "convert"
    HELP = (
        "Reads the Finnish regulation text of each feature (and its legend sign, e.g. AK-1 "
        "or e=0,8, when a field holds one) and adds the RYHTI regulations found in it, as "
        "<code>ryhti extract</code> does:<br>"
        "<b>ryhti_codes</b> the RY_Kaavamaarayslaji codes, <b>ryhti_values</b> the typed "
        "values (tehokkuusluku = 0.8 k-m2/m2 …), <b>ryhti_confidence</b> the lowest "
        "confidence, <b>ryhti_review</b> true when any result is under the threshold, "
        "<b>ryhti_regulations</b> the full result (JSON, with evidence and text spans)."
    )

    INPUT = "INPUT"
    TEXT_FIELD = "TEXT_FIELD"
    SIGN_FIELD = "SIGN_FIELD"
    PLAN_LEVEL = "PLAN_LEVEL"
    THRESHOLD = "THRESHOLD"
    OUTPUT = "OUTPUT"

    def initAlgorithm(self, config: Any = None) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, "Layer with regulation texts", [QgsProcessing.TypeVector]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.TEXT_FIELD,
                "Regulation text field",
                parentLayerParameterName=self.INPUT,
                type=QgsProcessingParameterField.String,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.SIGN_FIELD,
                "Legend sign field (AK-1, sr, e=0,8 …)",
                parentLayerParameterName=self.INPUT,
                type=QgsProcessingParameterField.Any,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.PLAN_LEVEL, "Plan level", options=list(PLAN_LEVELS), defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.THRESHOLD,
                "Confidence under which a result is flagged for review",
                QgsProcessingParameterNumber.Double,
                defaultValue=0.8,
                minValue=0.0,
                maxValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, "Layer with extracted regulations")
        )
        self.addOutput(QgsProcessingOutputNumber("EXTRACTED", "Texts read"))
        self.addOutput(QgsProcessingOutputNumber("REVIEW", "Texts flagged for review"))

    def process(self, parameters, context, feedback, runner, workdir):  # type: ignore[no-untyped-def]
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        text_field = self.parameterAsString(parameters, self.TEXT_FIELD, context)
        sign_field = self.parameterAsString(parameters, self.SIGN_FIELD, context) or None
        level = PLAN_LEVELS[self.parameterAsEnum(parameters, self.PLAN_LEVEL, context)]
        threshold = self.parameterAsDouble(parameters, self.THRESHOLD, context)
        if source.fields().lookupField(text_field) < 0:
            raise QgsProcessingException(
                f"{self.TEXT_FIELD}: the layer has no field {text_field!r}"
            )
        entries = os.path.join(workdir, "entries.jsonl")
        count = 0
        with open(entries, "w", encoding="utf-8") as fh:
            for feature in source.getFeatures():
                text = feature[text_field]
                if not isinstance(text, str) or not text.strip():
                    continue
                sign = feature[sign_field] if sign_field else None
                row = {
                    "id": str(feature.id()),
                    "text": text,
                    "sign": str(sign) if sign not in (None, "") and not _is_null(sign) else None,
                    "plan_type": level,
                }
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        feedback.pushInfo(f"{count} feature(s) with a regulation text in {text_field!r}")
        answers: dict[str, dict[str, Any]] = {}
        if count:
            result = os.path.join(workdir, "extracted.jsonl")
            args = ["extract", entries, "--format", "jsonl", "-o", result]
            args += ["--threshold", f"{threshold:g}"]
            runner.ryhti(args, progress=(5, 85))
            with open(result, encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        item = json.loads(line)
                        answers[str(item.get("id"))] = item
        ours = {name for name, _ in NEW_FIELDS}
        fields = QgsFields()
        kept = [f for f in source.fields() if f.name() not in ours]
        for field in kept:
            fields.append(field)
        for name, kind in NEW_FIELDS:
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        review = 0
        total = max(source.featureCount(), 1)
        for i, feature in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                break
            extra = summarise(answers.get(str(feature.id())))
            review += 1 if extra[3] else 0
            out = QgsFeature(fields)
            out.setAttributes([feature[f.name()] for f in kept] + list(extra))
            if feature.hasGeometry():
                out.setGeometry(feature.geometry())
            if not sink.addFeature(out, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))
            feedback.setProgress(85 + 15 * (i + 1) / total)
        if review:
            feedback.pushWarning(f"{review} text(s) flagged for review (ryhti_review)")
        return {self.OUTPUT: dest, "EXTRACTED": count, "REVIEW": review}


def _is_null(value: Any) -> bool:
    return hasattr(value, "isNull") and value.isNull()


def summarise(item: dict[str, Any] | None) -> tuple[Any, ...]:
    """(codes, values, lowest confidence, review, JSON, error) of one ``ryhti extract`` line."""
    if item is None:
        return (None, None, None, None, None, None)
    if item.get("error"):
        return (None, None, None, True, None, str(item["error"]))
    regs = item.get("regulations") or []
    codes = list(dict.fromkeys(str(r.get("type")) for r in regs if r.get("type")))
    values = []
    for reg in regs:
        text = value_text(reg.get("value"))
        if text:
            values.append(f"{reg.get('type')} = {text}")
    confidences = [
        float(r["confidence"]) for r in regs if isinstance(r.get("confidence"), int | float)
    ]
    review = any(bool(r.get("review")) for r in regs) or not regs
    return (
        ", ".join(codes) or None,
        "; ".join(values) or None,
        min(confidences) if confidences else None,
        review,
        json.dumps(regs, ensure_ascii=False),
        None,
    )


def value_text(value: Any) -> str | None:
    """A RYHTI value object as short text: ``0.8 k-m2/m2``, ``2–4``, a code, a text."""
    if not isinstance(value, dict):
        return None
    unit = value.get("unitOfMeasure")
    suffix = f" {unit}" if unit else ""
    if "number" in value:
        return f"{_num(value['number'])}{suffix}"
    if "minimumValue" in value or "maximumValue" in value:
        low, high = value.get("minimumValue"), value.get("maximumValue")
        return f"{_num(low) if low is not None else ''}–{_num(high) if high is not None else ''}{suffix}"
    if "code" in value:
        code = str(value["code"])
        return code.rstrip("/").rsplit("/", 1)[-1]
    text = value.get("text")
    if isinstance(text, dict):
        return text.get("fin") or text.get("swe") or next((v for v in text.values() if v), None)
    if isinstance(text, str):
        return text
    rest = {k: v for k, v in value.items() if k != "dataType"}
    return json.dumps(rest, ensure_ascii=False) if rest else None


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
