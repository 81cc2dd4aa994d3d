"""Headless Debian Chromium for browser tests: a fixture and two helpers.

Use it from a test module (or a conftest) with::

    from browser import chromium, open_page  # noqa: F401  (chromium is a fixture)

The driver is always started from the explicit paths below, so
selenium-manager never runs and nothing is downloaded. When Chromium or
chromedriver is missing the tests that use the fixture are skipped with the
reason, unless the environment variable ``CI`` is non-empty: then they fail,
because CI is where the browser tests must really run.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-extensions",
    "--window-size=1200,900",
)

#: URLs a page may request without leaving the machine.
LOCAL_URL_PREFIXES = ("file://", "data:", "blob:")


def skip_or_fail(reason: str) -> None:
    """Skip with `reason`, or fail when the CI environment variable is set."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: browser tests must run there)", pytrace=False)
    pytest.skip(reason)


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (path.is_file() and os.access(path, os.X_OK)):
            return f"{path} not found: install Debian {package} (apt-get install {package})"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install selenium"
    return None


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium WebDriver that records console and network logs."""
    reason = missing_browser()
    if reason:
        skip_or_fail(reason)

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    # An explicit driver path: selenium skips selenium-manager (no downloads).
    service = Service(executable_path=str(CHROMEDRIVER))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver: Any, path: Path, *, ready: str, timeout: float = 30.0) -> dict[str, Any]:
    """Load a local file, wait until the JavaScript `ready` is truthy, report.

    Args:
        driver: the `chromium` fixture.
        path: an HTML file.
        ready: a JavaScript expression (without `return`) that becomes true
            once the page has done its work.
        timeout: seconds to wait for `ready`.

    Returns:
        ``{"seconds": load-to-ready time, "requests": [every URL the page
        requested], "console": [browser console entries]}``.
    """
    from selenium.webdriver.support.ui import WebDriverWait

    # Leave the start page (Chromium's new-tab page loads chrome:// resources)
    # and drop what earlier pages left in the log buffers.
    driver.get("about:blank")
    driver.get_log("performance")
    driver.get_log("browser")
    start = time.perf_counter()
    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        lambda d: d.execute_script(f"try {{ return !!({ready}); }} catch (e) {{ return false; }}"))
    seconds = time.perf_counter() - start
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    return {"seconds": seconds, "requests": requests, "console": driver.get_log("browser")}


def is_local(url: str) -> bool:
    """True for URLs that never leave the machine (file:, data:, blob:, about:blank)."""
    return url == "about:blank" or url.startswith(LOCAL_URL_PREFIXES)
