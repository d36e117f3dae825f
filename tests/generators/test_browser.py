"""The description's HTML page in a real browser: headless Chromium draws it offline.

The page must have every chapter of the guide and both maps; the screenshot is checked
for the maps' own colours (the plan map's block colour, the location map's red plan
area), so a page whose images fail to decode fails here.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import lxml.html
import numpy as np
import pytest

from ryhti.generators import describe_document


def _browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_browser() is None, reason="no headless Chromium installed")
def test_description_renders_in_chromium_with_chapters_and_maps(
    plan, matter, tmp_path: Path
) -> None:
    """(Finnish only: a browser start costs seconds; the Swedish chapter titles are
    checked in the Markdown by ``test_defects``.)"""
    lang = "fi"
    from PIL import Image

    page = tmp_path / f"selostus.{lang}.html"
    page.write_text(describe_document(plan, matter, lang=lang, fmt="html").content, "utf-8")
    profile = tmp_path / "profile"
    profile.mkdir()
    flags = [
        _browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ]
    dom = subprocess.run(
        [*flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    ).stdout
    doc = lxml.html.fromstring(dom)
    chapters = [" ".join(h.text_content().split()) for h in doc.xpath("//h2")]
    want = [
        "1 Perus- ja tunnistetiedot",
        "2 Tiivistelmä",
        "3 Lähtökohdat",
        "4 Asemakaavan suunnittelun vaiheet",
        "5 Asemakaavan kuvaus",
        "6 Asemakaavan toteutus",
        "Liite 1. Asemakaavan seurantalomake",
        "Liite 2. Kaavakartta (pienennös)",
    ]
    assert chapters == want
    images = doc.xpath("//figure/img")
    assert len(images) == 2 and all(i.get("src").startswith("data:image/png") for i in images)
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            *flags,
            f"--screenshot={shot}",
            "--window-size=1000,12000",
            "--force-device-scale-factor=0.5",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    pixels = np.asarray(Image.open(shot).convert("RGB")).reshape(-1, 3)
    for colour in ("#D9A066", "#D62728"):  # AK-1's own colour; the plan on the location map
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        assert (np.abs(pixels.astype(int) - rgb).max(axis=1) <= 3).sum() > 50, colour
