#!/usr/bin/env bash
# The main job on the bundled sample plan (an Espoo-style asemakaava, EPSG:3879):
# convert the GeoPackage and its regulation document into RYHTI plan JSON,
# validate it offline, gather its background data from local sources and check the plan
# against it, build its plan matter from a short TOML, and draft its
# plan description (Finnish DOCX, Swedish HTML) and delivery plan map (GeoTIFF).
# Outputs go to out/ (written atomically; re-runs give identical keys).
set -euo pipefail
cd "$(dirname "$0")/.."
RYHTI=.venv/bin/ryhti
SAMPLE=samples/espoo-asemakaava
mkdir -p out

"$RYHTI" convert "$SAMPLE/asemakaava.gpkg" --regulations "$SAMPLE/kaavamerkinnat.md" \
  -o out/plan.json --report out/conversion-report.json
"$RYHTI" validate out/plan.json --plan-type 31 --municipality 049 --format html -o out/validation.html
"$RYHTI" validate out/plan.json --plan-type 31 --municipality 049
# background data (lähtötiedot) from the sample's local sources, checked against and recorded
"$RYHTI" lahtotiedot out/plan.json --sources "$SAMPLE/lahtotiedot/lahtotiedot.toml" \
  -o out/lahtotiedot.gpkg --cache-dir out/.lahtotiedot-cache
"$RYHTI" validate out/plan.json --plan-type 31 --municipality 049 --context out/lahtotiedot.gpkg
"$RYHTI" matter build "$SAMPLE/matter.toml" out/plan.json -o out/matter.json \
  --lahtotiedot out/lahtotiedot.gpkg
"$RYHTI" describe out/plan.json --matter out/matter.json --lahtotiedot out/lahtotiedot.gpkg -o out/selostus.docx
"$RYHTI" describe out/plan.json --matter out/matter.json --lahtotiedot out/lahtotiedot.gpkg --lang sv \
  -o out/beskrivning.html
"$RYHTI" map out/plan.json -o out/kaavakartta.tif
"$RYHTI" map --check out/kaavakartta.tif
echo "Done: out/plan.json, out/validation.html, out/lahtotiedot.gpkg, out/matter.json, out/selostus.docx, out/beskrivning.html, out/kaavakartta.tif"
