#!/usr/bin/python3
"""kpi-page.py REPORT.html SHOT.png: open the KPI report in headless
Chromium at 1280 px wide, as a head would, save a screenshot of the whole
page, and print as one JSON object what the rendered page shows (the
text as laid out, innerText, not the file's): "legend", the summary's
paragraphs; "rows", per login the name cell, the verdict's badge class
and word; "cards", per login the badge class, each table row's cells
joined by "|", and the reason under the card.  The checks are the
test's (tests/57-archetypes.t)."""
import json
import sys

import chromium

report, shot = sys.argv[1:3]
drv, profile = chromium.start()
try:
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 1280, "height": 800, "deviceScaleFactor": 1,
        "mobile": False})
    drv.get("file://" + report)
    page = drv.execute_script("""
        const txt = e => e ? e.innerText.trim() : null;
        const out = {legend: [], rows: {}, cards: {}};
        document.querySelectorAll('#summary p').forEach(
            p => out.legend.push(txt(p)));
        document.querySelectorAll('table.summary tr.person').forEach(r => {
            const v = r.querySelector('.v');
            out.rows[txt(r.querySelector('td.login'))] = {
                name: txt(r.cells[1]), badge: v ? v.className : null,
                verdict: txt(v)};
        });
        document.querySelectorAll('div.card').forEach(c => {
            const v = c.querySelector('h3 .v');
            const rows = Array.from(c.querySelectorAll('table tr')).map(
                r => Array.from(r.cells).map(txt).join('|'));
            const ps = c.querySelectorAll('p.muted');
            out.cards[txt(c.querySelector('h3 span.muted'))] = {
                badge: v ? v.className : null, rows: rows,
                reason: txt(ps[ps.length - 1])};
        });
        return out;""")
    height = drv.execute_script(
        "return document.documentElement.scrollHeight")
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 1280, "height": height, "deviceScaleFactor": 1,
        "mobile": False})
    drv.save_screenshot(shot)
    print(json.dumps(page, ensure_ascii=False))
finally:
    chromium.stop(drv, profile)
