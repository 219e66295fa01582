"""Headless Chromium for the page tests and the README screenshots (Debian's chromium and driver)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def start_chromium(user_data_dir: Path, width: int = 1280, height: int = 800) -> Any:
    """A headless Chromium with a fresh profile, no network of its own, and a width x height viewport."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or "chromium"
    for argument in (
        "--headless=new",
        "--no-sandbox",  # as root, Chromium's sandbox cannot start
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--mute-audio",
        "--autoplay-policy=no-user-gesture-required",
        f"--user-data-dir={user_data_dir}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # the page's console, for its errors
    # Given the driver's path, Selenium Manager downloads nothing.
    driver = webdriver.Chrome(
        options=options, service=Service(executable_path=CHROMEDRIVER or "chromedriver")
    )
    set_viewport(driver, width, height)
    return driver


def set_viewport(driver: Any, width: int, height: int) -> None:
    """The page's own size in CSS pixels (a window size would include the browser's frame)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
