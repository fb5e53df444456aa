"""The explorer page in a real browser: headless Chromium loads it offline, draws the network,
reports no script errors, and cannot be made to run a report's markup.

CI installs Debian's chromium (.ci/run); elsewhere these tests are skipped when no
Chromium is found, unless CI is set, where a missing browser is a failure.
"""
import json
import os
import re
import shutil
import struct
import subprocess
import time
import zlib
from urllib.parse import quote
from pathlib import Path

import networkx as nx
import pytest

from govkg.graph.export.html import explorer_data, write_html
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
    linked = {n for u, v in G.edges() for n in (u, v)}  # the unconnected are hidden until the switch is on
    assert attrs.get("data-drawn") == str(len(linked)) and "data-errors" not in attrs


def test_focus_page(seed_build, tmp_path):
    code, out, err = run(["html", "-g", str(seed_build), "--focus", "南沙", "--depth", "1", "-o",
                          str(tmp_path / "focus.html")])
    assert code == 0, err
    dom, log = browse(tmp_path / "focus.html", tmp_path)
    attrs = body_attrs(dom)
    assert 1 < int(attrs.get("data-drawn", "0")) < 300 and "data-errors" not in attrs


# ---------------------------------------------------------------- driving the page (DevTools protocol)


class Page:
    """Chromium driven over --remote-debugging-pipe: JSON commands on fd 3, replies on fd 4."""

    def __init__(self, url: str, tmp_path: Path):
        exe = _chromium()
        cmd_r, cmd_w = os.pipe()
        rep_r, rep_w = os.pipe()

        def child():
            os.dup2(cmd_r, 3)
            os.dup2(rep_w, 4)

        self.proc = subprocess.Popen([exe, *FLAGS, f"--user-data-dir={tmp_path / 'cdp-profile'}",
                                      "--remote-debugging-pipe", "about:blank"], pass_fds=(3, 4), preexec_fn=child,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     env={**os.environ, "no_proxy": "*"})
        os.close(cmd_r)
        os.close(rep_w)
        self.out, self.inp, self.buf, self.next_id = os.fdopen(cmd_w, "wb", buffering=0), os.fdopen(rep_r, "rb", buffering=0), b"", 0
        self.session = None
        target = next(t["targetId"] for t in self.send("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.navigate", {"url": url})
        self.wait("document.body && document.body.getAttribute('data-settled') === '1'")

    def send(self, method: str, params: dict | None = None) -> dict:
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session:
            msg["sessionId"] = self.session
        self.out.write(json.dumps(msg).encode() + b"\0")
        while True:
            while b"\0" not in self.buf:
                chunk = self.inp.read(65536)
                if not chunk:
                    raise RuntimeError("the browser closed the pipe")
                self.buf += chunk
            raw, self.buf = self.buf.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                assert "error" not in reply, reply
                return reply["result"]

    def eval(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def wait(self, expression: str, seconds: float = 60) -> None:
        end = time.monotonic() + seconds
        while not self.eval(expression):
            assert time.monotonic() < end, f"timed out waiting for {expression}"
            time.sleep(0.1)

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def click_node(self, node_id: str) -> None:
        x, y = self.eval(f"""(function () {{
            var n = govkgExplorer.network, id = {json.dumps(node_id)};
            var p = n.canvasToDOM(n.getPositions([id])[id]), r = document.getElementById("network").getBoundingClientRect();
            return [p.x + r.left, p.y + r.top]; }})()""")
        self.click(x, y)

    def click_element(self, css: str) -> None:
        x, y = self.eval(f"""(function () {{ var r = document.querySelector({json.dumps(css)}).getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2]; }})()""")
        self.click(x, y)

    def attr(self, name: str):
        return self.eval(f"document.body.getAttribute({json.dumps(name)})")

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=30)


@pytest.fixture
def seed_page(seed_build, tmp_path):
    pages = []

    def open_page(fragment: str = "") -> Page:
        p = Page((seed_build / "graph.html").resolve().as_uri() + fragment, tmp_path / str(len(pages)))
        pages.append(p)
        return p

    yield open_page
    for p in pages:
        p.close()


def test_areas_and_hubs_are_labelled_at_overview_zoom(seed_page, seed_kg):
    data = explorer_data(seed_kg.networkx)
    marks = {n["label"]: n["landmark"] for n in data["nodes"] if n.get("landmark")}
    assert {"南沙区", "黄埔区", "南山区", "海珠区", "珠海高新区"} <= {k for k, v in marks.items() if v == "area"}
    assert sum(1 for v in marks.values() if v == "hub") >= 10
    page = seed_page()
    assert float(page.attr("data-scale")) < 0.5  # the whole graph in view
    assert float(page.attr("data-landmark-px")) >= 14  # every area and hub label at 14 px on screen
    # and an ordinary node's label is too small to draw there (vis-network skips labels under 5 px)
    small = page.eval("""(function () { var n = govkgExplorer.network, s = n.getScale();
        return Object.keys(n.body.nodes).filter(function (id) { var o = n.body.nodes[id].options;
            return o.font.size * s < 5; }).length; })()""")
    assert small > 300
    page.eval("govkgExplorer.network.moveTo({scale: 0.05})")  # zoomed out further: areas and hubs grow to stay legible
    page.wait("document.body.getAttribute('data-scale') === '0.0500'")
    assert float(page.attr("data-landmark-px")) >= 14


def test_unconnected_nodes_are_hidden_until_the_switch(seed_page, seed_kg):
    data = explorer_data(seed_kg.networkx)
    linked = {n for e in data["edges"] for n in (e["from"], e["to"])}
    assert len(linked) < len(data["nodes"])
    page = seed_page()
    assert page.attr("data-drawn") == str(len(linked))
    page.click_element("#isolated")
    page.wait(f"document.body.getAttribute('data-drawn') === '{len(data['nodes'])}'")
    assert page.eval("document.getElementById('isolated').checked") is True


def test_the_panel_lists_each_relation_with_status_phase_and_its_sentence(seed_page, seed_kg):
    data = explorer_data(seed_kg.networkx)
    nansha = "https://w3id.org/govkg/id/place/440115"
    shown = [e for e in data["edges"] if nansha in (e["from"], e["to"])][:60]  # the panel lists 60
    edge = next(e for e in shown if e["statuses"] and e["phases"] and e["evidence"] and e["from"] == nansha)
    target = next(n["label"] for n in data["nodes"] if n["id"] == edge["to"])
    page = seed_page("#node=" + edge["from"])
    blocks = page.eval("""Array.prototype.map.call(document.querySelectorAll('#relations .relation'), function (b) {
        return {line: b.querySelector('.rel').textContent, status: (b.querySelector('.status') || {}).textContent || '',
                sentences: Array.prototype.map.call(b.querySelectorAll('.evidence'), function (s) { return s.textContent; }),
                marks: b.querySelectorAll('.evidence mark').length}; })""")
    assert len(blocks) == len(shown), blocks[:3]
    block = next(b for b in blocks if b["line"] == f"→ {', '.join(edge['kinds']) or edge['predicate']} {target}")
    for s in edge["statuses"]:
        assert data["statusNames"][s] in block["status"]
    for p in edge["phases"]:
        assert data["phaseNames"][p] in block["status"]
    ev = edge["evidence"][0]
    assert any(ev["sentence"] in s and (data["phaseNames"].get(ev["phase"], "") in s) for s in block["sentences"])
    assert block["marks"] == len(edge["evidence"])


def test_node_address_zooms_and_a_click_updates_it(seed_page):
    nansha = "https://w3id.org/govkg/id/place/440115"
    page = seed_page("#node=" + nansha)
    assert page.attr("data-selected") == nansha
    assert float(page.attr("data-scale")) == 1.5 and int(page.attr("data-selected-offset")) <= 2  # zoomed, in the middle
    page.eval("govkgExplorer.network.fit({animation: false})")
    # the drawn node farthest from any other, so that the click cannot land on a neighbour
    other = page.eval("""(function () {
        var n = govkgExplorer.network, ids = n.body.nodeIndices, pos = n.getPositions(ids), best = null, far = -1;
        ids.forEach(function (a) { var near = Infinity;
            ids.forEach(function (b) { if (a !== b) { var dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
                near = Math.min(near, Math.sqrt(dx * dx + dy * dy)); } });
            if (near > far) { far = near; best = a; } });
        return best; })()""")
    assert other != nansha
    page.click_node(other)
    page.wait(f"document.body.getAttribute('data-selected') === {json.dumps(other)}")
    assert page.eval("location.hash") == "#node=" + quote(other, safe="")
    page.eval("location.hash = " + json.dumps("#node=" + quote(nansha, safe="")))  # back to it by address
    page.wait(f"document.body.getAttribute('data-selected') === {json.dumps(nansha)}")


def test_page_counts_agree_with_the_cli(seed_page, tmp_path):
    from conftest import SEEDS
    code, out, err = run(["build", str(SEEDS), "-o", str(tmp_path / "b"), "--no-html", "--cache", str(tmp_path / "c")])
    assert code == 0, err
    cli = dict(re.findall(r"(\w+) (\d+)", re.search(r"^entities: (.*)$", out, re.M).group(1)))
    page = seed_page()
    legend = dict(re.findall(r"(\w+) \((\d+)\)", page.eval("document.getElementById('classes').textContent")))
    assert legend == cli and len(cli) == 5
    stats = page.eval("document.getElementById('stats').textContent")
    assert stats.startswith(f"{sum(map(int, cli.values()))} 个实体 entities")
