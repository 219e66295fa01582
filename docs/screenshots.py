"""Screenshots of a read-along page for the README, at phone and desktop width.

    make run && .venv/bin/narrate feed output --base-url http://127.0.0.1:8000/ --title "My reading list"
    .venv/bin/python docs/screenshots.py output

Needs Debian's chromium and chromium-driver (`make test-browser` installs them).
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from selenium.webdriver.support.ui import WebDriverWait

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "tests"))
from chromium import set_viewport, start_chromium  # noqa: E402

# name: (width, height, the sentence shown highlighted, scrolled into view or not)
SHOTS = {
    "phone": (390, 844, "document.querySelector('.cue.quote') || document.querySelectorAll('.cue')[3]", True),
    "desktop": (1280, 800, "document.querySelectorAll('.cue')[2]", False),
}


def main(folder: Path) -> None:
    page = next(p for p in sorted(folder.resolve().glob("*.html")) if p.name != "index.html")
    with tempfile.TemporaryDirectory() as profile:
        driver = start_chromium(Path(profile))
        try:
            for name, (width, height, sentence, scroll) in SHOTS.items():
                set_viewport(driver, width, height)
                driver.get(page.as_uri())
                WebDriverWait(driver, 15).until(
                    lambda d: d.execute_script("return document.querySelector('[data-reader]').dataset.ready")
                )
                driver.execute_script(
                    f"var cue = {sentence};"
                    "document.querySelector('audio').currentTime = Number(cue.dataset.start) + 0.5;"
                    + ("cue.scrollIntoView({block: 'center', behavior: 'instant'});" if scroll else "")
                )
                time.sleep(1)
                image = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
                image = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
                image.save(DOCS / f"page-{name}.png", optimize=True)
                print(DOCS / f"page-{name}.png")
        finally:
            driver.quit()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "output"))
