"""chromium.py: headless Chromium through Selenium at 1280x800, as a
head's screen, for the scripts that look at the KPI report
(kpi-browser.py, kpi-page.py): start() gives the driver and its
scratch profile, stop() ends both."""
import shutil
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def start():
    profile = tempfile.mkdtemp(prefix="crm-chromium.")
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update", "--disable-sync",
              "--user-data-dir=" + profile, "--window-size=1280,800",
              "--hide-scrollbars", "--force-device-scale-factor=1"):
        opts.add_argument(a)
    drv = webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                           options=opts)
    return drv, profile


def stop(drv, profile):
    drv.quit()
    shutil.rmtree(profile, ignore_errors=True)
