"""The explorer page in a real browser: headless Chromium loads it offline, draws the network,
reports no script errors, and cannot be made to run a report's markup.

CI installs Debian's chromium (.ci/run); elsewhere these tests are skipped when no
Chromium is found, unless CI is set, where a missing browser is a failure.
"""
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import networkx as nx
import pytest

from govkg.graph.export.html import write_html
from helpers import run

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--window-size=1280,800", "--enable-logging=stderr", "--v=0"]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI"):
        pytest.fail("CI needs Chromium for the browser tests (.ci/run installs Debian's chromium)")
    pytest.skip("no Chromium on this machine")


def browse(page: Path, tmp_path: Path, fragment: str = "", screenshot: Path | None = None, budget: int = 20000):
    """(DOM after the page ran, the browser's log) for a local page, with no network."""
    exe = _chromium()
    args = [exe, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--virtual-time-budget={budget}"]
    args += [f"--screenshot={screenshot}"] if screenshot else ["--dump-dom"]
    proc = subprocess.run([*args, page.resolve().as_uri() + fragment], capture_output=True, timeout=180,
                          env={**os.environ, "no_proxy": "*"})
    return proc.stdout.decode("utf-8", errors="replace"), proc.stderr.decode("utf-8", errors="replace")


def body_attrs(dom: str) -> dict:
    tag = re.search(r"<body([^>]*)>", dom).group(1)
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def console_errors(log: str) -> list[str]:
    return [line for line in log.splitlines() if "CONSOLE" in line and re.search(r"error|uncaught", line, re.I)]


def test_seed_page_loads_offline_and_draws(seed_build, tmp_path):
    dom, log = browse(seed_build / "graph.html", tmp_path, "#node=https://w3id.org/govkg/id/place/440115")
    attrs = body_attrs(dom)
    assert attrs.get("data-ready") == "1"
    assert int(attrs.get("data-drawn", "0")) > 500
    assert "data-errors" not in attrs and console_errors(log) == []
    assert attrs.get("data-selected") == "https://w3id.org/govkg/id/place/440115"
    panel = re.search(r'<aside id="panel"[^>]*>(.*?)</aside>', dom, re.S).group(1)
    assert "南沙区" in panel and "别名 Aliases" in panel and "<mark>" in panel


def hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    bad = '<img src=x onerror="document.body.setAttribute(\'data-pwned\',1)">'
    script = "</script><script>document.body.setAttribute('data-pwned',2)</script>"
    G.add_node("urn:a", label=bad, cls="Zone", top="Place", aliases=[script], reports=["r1"],
               evidence=[{"report": script, "sentence": bad + " 建设 " + script, "start": 0, "end": len(bad)}])
    G.add_node("urn:b", label=script, cls="Slogan", top="Initiative", aliases=[], reports=["r1"], evidence=[])
    G.add_edge("urn:a", "urn:b", key="promotes", predicate="promotes", kinds=["builds"],
               evidence=[{"report": "r1", "sentence": bad, "start": 0, "end": 3}])
    return G


def test_report_markup_cannot_run(tmp_path):
    page = write_html(hostile_graph(), tmp_path / "hostile.html")
    dom, log = browse(page, tmp_path, "#node=urn%3Aa")
    attrs = body_attrs(dom)
    assert attrs.get("data-selected") == "urn:a" and attrs.get("data-drawn") == "2"
    assert "data-pwned" not in attrs and "data-errors" not in attrs
    assert "&lt;img src=x" in dom  # shown as text in the side panel


def _png_pixels(path: Path):
    """RGB(A) rows of an 8-bit PNG (what Chromium writes), unfiltered."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and ctype in (2, 6)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return [[tuple(r[x * bpp:x * bpp + 3]) for x in range(width)] for r in rows]


def test_screenshot_shows_the_network_in_class_colours(seed_build, tmp_path):
    shot = tmp_path / "explorer.png"
    browse(seed_build / "graph.html", tmp_path, screenshot=shot)
    pixels = _png_pixels(shot)
    assert len(pixels) == 800 and len(pixels[0]) == 1280
    middle = [px for row in pixels[100:700] for px in row[300:980]]  # the canvas between the side bars

    def near(colour):
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return sum(1 for p in middle if abs(p[0] - r) < 24 and abs(p[1] - g) < 24 and abs(p[2] - b) < 24)

    assert near("#4e79a7") > 200 and near("#e15759") > 100  # places and initiatives are drawn


def test_five_thousand_nodes_draw_within_the_budget(tmp_path):
    G = nx.MultiDiGraph()
    tops = ["Place", "Organization", "Project", "Initiative", "PolicyDocument"]
    for i in range(5000):
        G.add_node(f"urn:n{i}", label=f"实体{i}", cls="X", top=tops[i % 5], aliases=[], reports=["r"], evidence=[])
    for i in range(8000):
        G.add_edge(f"urn:n{(i * 7919) % 5000}", f"urn:n{(i * 104729 + 1) % 5000}", key="promotes",
                   predicate="promotes", kinds=[], evidence=[])
    page = write_html(G, tmp_path / "big.html")
    dom, log = browse(page, tmp_path, budget=30000)
    attrs = body_attrs(dom)
    assert attrs.get("data-drawn") == "5000" and "data-errors" not in attrs


def test_focus_page(seed_build, tmp_path):
    code, out, err = run(["html", "-g", str(seed_build), "--focus", "南沙", "--depth", "1", "-o",
                          str(tmp_path / "focus.html")])
    assert code == 0, err
    dom, log = browse(tmp_path / "focus.html", tmp_path)
    attrs = body_attrs(dom)
    assert 1 < int(attrs.get("data-drawn", "0")) < 300 and "data-errors" not in attrs
