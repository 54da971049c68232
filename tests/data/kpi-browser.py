#!/usr/bin/python3
"""kpi-browser.py REPORT.html SHOT.png PDF: open the KPI report in headless
Chromium at 1280x800 as a head would, check that it fits and that every
chart can be read, save a screenshot of the whole page and print it to
PDF on A4 landscape.  Prints TAP lines "ok"/"not ok" without numbers
(tests/52-kpi-browser.t numbers them) and one line "pages N"."""
import base64
import json
import os
import sys

import chromium

report, shot, pdf = sys.argv[1:4]
drv, profile = chromium.start()


def check(cond, what, detail=""):
    print(("ok - " if cond else "not ok - ") + what)
    if not cond and detail:
        print("# " + str(detail))


try:
    # The viewport, not the window, is 1280 wide.
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 1280, "height": 800, "deviceScaleFactor": 1,
        "mobile": False})
    drv.get("file://" + report)
    js = drv.execute_script
    width = js("return document.documentElement.scrollWidth")
    check(width <= 1280, "the page is no wider than 1280 px", width)
    cells = js("""return Array.from(document.querySelectorAll(
        'table.summary th, table.summary td')).filter(
        e => e.scrollWidth > e.clientWidth).map(e => e.textContent)""")
    check(cells == [], "no cell of the summary overflows", cells)
    wrapped = js("""return Array.from(document.querySelectorAll('.money'))
        .filter(e => { const r = document.createRange();
          r.selectNodeContents(e);
          return r.getClientRects().length > 1; })
        .map(e => e.textContent)""")
    check(wrapped == [], "no sum of money wraps", wrapped)
    table = js("""const t = document.querySelector('table.summary');
        return t.getBoundingClientRect().right""")
    check(table <= 1280, "the summary table is on screen", table)
    charts = js("""return Array.from(document.querySelectorAll('svg.chart'))
        .map(s => ({legend: s.querySelectorAll('.legend text').length,
                    ticks: s.querySelectorAll('text.tick').length,
                    title: (s.querySelector('title') || {}).textContent,
                    w: s.getBoundingClientRect().width}))""")
    check(len(charts) >= 1, "there are charts", charts)
    for i, c in enumerate(charts):
        check(c["legend"] > 0 and c["ticks"] >= 2 and c["title"],
              "chart %d (%s) has a title, a legend and tick labels" %
              (i + 1, c["title"]), c)
    # Labels placed on the scatter chart never overlap each other.
    boxes = js("""return Array.from(document.querySelectorAll(
        'svg.chart text.label')).map(t => { const r =
        t.getBoundingClientRect(); return [r.left, r.top, r.right,
        r.bottom]; })""")
    clash = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
             if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    check(clash == [], "no two point labels overlap", clash)
    lang = js("return document.documentElement.lang")
    # CRM_LANG: the language the report was made in (tests/73: ru).
    want = os.environ.get("CRM_LANG", "en")
    check(lang == want, "lang says the language the labels are in", lang)
    verdicts = js("""return Array.from(document.querySelectorAll(
        'table.summary .v')).map(e => [e.className,
        getComputedStyle(e).backgroundColor])""")
    colours = {c for _, c in verdicts}
    check(len(verdicts) > 0 and all(cls.startswith("v v-")
          for cls, _ in verdicts), "every verdict is a named badge",
          verdicts)
    check(len(colours) == len({cls for cls, _ in verdicts}),
          "each verdict has a colour of its own", verdicts)
    # The whole page as a build artefact.
    height = js("return document.documentElement.scrollHeight")
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 1280, "height": height, "deviceScaleFactor": 1,
        "mobile": False})
    drv.save_screenshot(shot)
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 1280, "height": 800, "deviceScaleFactor": 1,
        "mobile": False})
    out = drv.execute_cdp_cmd("Page.printToPDF", {
        "landscape": True, "paperWidth": 8.27, "paperHeight": 11.69,
        "preferCSSPageSize": True, "printBackground": True})
    with open(pdf, "wb") as f:
        f.write(base64.b64decode(out["data"]))
finally:
    chromium.stop(drv, profile)
