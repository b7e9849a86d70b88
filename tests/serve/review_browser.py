"""Headless Debian chromium driven by Selenium through Debian's chromedriver: nothing is downloaded.

Shared by the browser test and by the screenshot script:

    python tests/serve/review_browser.py STORE OUT_DIR [NOTE]   # list.png, flag.png, dismissed.png
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WINDOW = (1280, 900)


def available() -> bool:
    return bool(shutil.which("chromium") and shutil.which("chromedriver"))


def chrome(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    # An explicit driver path: Selenium Manager never runs, so no driver or browser is fetched.
    return webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=options)


@contextmanager
def served(db: Path, reviewer: str = "ann"):
    """`factcheck serve` on a free loopback port, in its own process; yields the base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", "from factcheck.cli import app; app()", "serve", "--db", str(db),
                             "--port", str(port), "--reviewer", reviewer], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"factcheck serve did not start: {proc.stderr.read() if proc.poll() is not None else 'timeout'}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def wait_for(driver, css: str, timeout: float = 20):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def press(driver, keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(keys).perform()


def dismiss_first_with_keys(driver, base: str, note: str, shots: Path | None = None) -> str:
    """List -> j, Enter -> flag page -> d (focus the note), type, Esc, d (submit). Returns the flag id."""
    from selenium.webdriver.common.keys import Keys

    driver.get(base + "/")
    wait_for(driver, "tr.flag")
    if shots:
        driver.save_screenshot(str(shots / "list.png"))
    press(driver, "j")
    wait_for(driver, "tr.flag.selected")
    press(driver, Keys.ENTER)
    wait_for(driver, "#decide")
    did = driver.current_url.split("/flags/")[1].split("?")[0]
    if shots:
        driver.save_screenshot(str(shots / "flag.png"))
    press(driver, "d")  # no note yet: d puts the cursor in the note field
    assert driver.switch_to.active_element.get_attribute("id") == "note"
    press(driver, note)
    press(driver, Keys.ESCAPE)
    press(driver, "d")
    wait_for(driver, "#saved")
    if shots:
        driver.save_screenshot(str(shots / "dismissed.png"))
    return did


def main(argv: list[str]) -> None:
    import tempfile

    db, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile, served(db, reviewer="desk-editor") as base:
        driver = chrome(Path(profile))
        try:
            note = argv[2] if len(argv) > 2 else "Not a discrepancy: both wordings describe the same fact"
            did = dismiss_first_with_keys(driver, base, note, shots=out)
        finally:
            driver.quit()
    print(f"dismissed {did}; wrote {', '.join(sorted(p.name for p in out.glob('*.png')))} to {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
