"""The HTML bulletin in a real browser: headless Chromium renders it offline, the screenshot is not
blank, the rendered DOM carries the headline counts, and printing gives A4 pages.

Skipped where no Chromium is installed (Debian: `apt-get install chromium fonts-noto-cjk`).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from minsheng_cli.cli import app

BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome",
                                                "google-chrome-stable") if shutil.which(name)),
               None)
pytestmark = [
    pytest.mark.skipif(BROWSER is None, reason="no Chromium on this machine; install the Debian "
                       "`chromium` package to run the browser tests"),
    pytest.mark.skipif(importlib.util.find_spec("minsheng_cli.actuals") is None,
                       reason="the actuals reader (minsheng_cli.actuals) is not there"),
]
EXAMPLES = ROOT / "examples"
ACTUALS, PREVIOUS = EXAMPLES / "2023-09-towns.csv", EXAMPLES / "2023-06-lead-units.csv"
runner = CliRunner()


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run headless Chromium offline, with a throwaway profile."""
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}"]
    assert BROWSER is not None
    return subprocess.run([BROWSER, *flags, *args], capture_output=True, timeout=180, check=True)


@pytest.fixture(scope="module")
def bulletin(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Counter[str]]:
    """The example bulletin in Chinese, and the status counts `check` gives for the same file."""
    out = tmp_path_factory.mktemp("bulletin") / "bulletin.html"
    result = runner.invoke(app, ["report", str(ACTUALS), "--previous", str(PREVIOUS), "-o",
                                 str(out)])
    assert result.exit_code == 0, result.output
    checked = runner.invoke(app, ["check", str(ACTUALS), "--format", "json", "--fail-on", "never"])
    counts = Counter(row["status"] for row in json.loads(checked.stdout))
    return out, counts


def test_the_screenshot_is_not_blank(bulletin: tuple[Path, Counter[str]], tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    page, _ = bulletin
    shot = tmp_path / "shot.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1240,1754", page.as_uri())
    image = Image.open(shot).convert("L")
    assert image.size == (1240, 1754)
    assert ImageStat.Stat(image).stddev[0] > 25  # a white or one-colour page is ~0
    inked = sum(n for level, n in enumerate(image.histogram()) if level < 200)
    assert inked / (image.width * image.height) > 0.03


def test_the_rendered_page_shows_the_headline_counts(bulletin: tuple[Path, Counter[str]],
                                                     tmp_path: Path) -> None:
    page, counts = bulletin
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout.decode("utf-8")
    shown = dict(re.findall(r'id="count-([a-z_]+)">(\d+)<', dom))
    assert shown.pop("total") == "84"
    assert {k: int(v) for k, v in shown.items()} == {s: counts[s] for s in shown}
    assert set(shown) == {"done", "on_track", "at_risk", "overdue", "no_report", "not_due"}
    assert dom.count("<svg") == 50 and "逾期及未报送事项" in dom


def test_printing_gives_a4_pages(bulletin: tuple[Path, Counter[str]], tmp_path: Path) -> None:
    page, _ = bulletin
    pdf = tmp_path / "bulletin.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes, "no page sizes found in the PDF"
    for width, height in boxes:  # A4 is 595 × 842 points
        assert abs(float(width) - 595) < 2 and abs(float(height) - 842) < 2
    assert 2 <= len(boxes) <= 30
