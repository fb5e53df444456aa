"""A read-only SPARQL 1.1 Protocol endpoint over a built graph, with the explorer page.

    GET  /                         the explorer page (graph.html)
    GET  /sparql?query=…           a query (results by content negotiation)
    POST /sparql                   form-encoded ``query=…`` or a body of type application/sparql-query

Results: JSON, XML, CSV or TSV for SELECT and ASK (the ``Accept`` header, or
``format=json|xml|csv|tsv``), Turtle or N-Triples for CONSTRUCT and DESCRIBE.
SPARQL Update is refused with 403.  Every response allows cross-origin use
(CORS), so browser tools such as YASGUI can query it.

Queries run in worker processes that hold the graph; a query that runs longer
than the timeout is stopped by ending its worker (a thread could not be
stopped), the client gets 503, and a fresh worker takes its place.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from govkg.extract.errors import GovkgError

from .results import MEDIA_TYPES, render

SELECT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "text/plain": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt",
               "text/plain": "nt"}
FORMAT_PARAM = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle", "ttl": "turtle",
                "nt": "nt", "ntriples": "nt"}
MAX_BODY = 1 << 20  # a query larger than 1 MiB is refused


def parse_accept(header: str | None) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, ties keep their order)."""
    if not header:
        return ["*/*"]
    items = []
    for i, part in enumerate(header.split(",")):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            items.append((-q, i, bits[0].lower()))
    return [t for _, _, t in sorted(items)] or ["*/*"]


def choose_format(kind: str, accept: list[str], forced: str | None = None) -> str | None:
    """The result format for a result of ``kind`` (select/ask or graph), or None if nothing acceptable."""
    table = GRAPH_TYPES if kind == "graph" else SELECT_TYPES
    default = "turtle" if kind == "graph" else "json"
    if forced:
        fmt = FORMAT_PARAM.get(forced)
        return fmt if fmt in table.values() else None
    for media in accept:
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


def _worker_main(source: str, engine: str, conn) -> None:
    """A worker process: load the graph once, then answer (query, accept, forced) requests."""
    from .sparql import QueryError, open_engine
    try:
        eng = open_engine(source, engine)
        conn.send(("ready", eng.name))
    except Exception as exc:  # report any load failure to the parent, then stop
        conn.send(("failed", str(exc)))
        return
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        text, accept, forced = request
        try:
            result = eng.query(text)
        except QueryError as exc:
            status = 403 if "not allowed" in str(exc) else 400
            conn.send((status, "text/plain; charset=utf-8", str(exc).encode("utf-8")))
            continue
        fmt = choose_format(result.kind, accept, forced)
        if fmt is None:
            conn.send((406, "text/plain; charset=utf-8", b"no acceptable result format for this query"))
            continue
        body = render(result, fmt).encode("utf-8")
        conn.send((200, f"{MEDIA_TYPES[fmt]}; charset=utf-8", body))


class Worker:
    """One query process holding the graph."""

    def __init__(self, source: str, engine: str, ctx):
        self.parent, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(source, engine, child), daemon=True)
        self.process.start()
        child.close()
        state, info = self.parent.recv()
        if state != "ready":
            self.process.join(1)
            raise GovkgError(f"cannot load the graph for queries: {info}")
        self.engine = info

    def ask(self, request, timeout: float):
        self.parent.send(request)
        if self.parent.poll(timeout):
            return self.parent.recv()
        return None

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


class QueryPool:
    """Worker processes; a query waits for a free one, a query over time kills and replaces its worker."""

    def __init__(self, source: str, engine: str = "auto", workers: int = 2, timeout: float = 30.0):
        self.source, self.engine_name, self.timeout = source, engine, timeout
        self.ctx = mp.get_context("spawn")
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.all: list[Worker] = []
        self.lock = threading.Lock()
        for _ in range(max(1, workers)):
            self._add(Worker(source, engine, self.ctx))

    def _add(self, w: Worker) -> None:
        with self.lock:
            self.all.append(w)
        self.idle.put(w)

    @property
    def engine(self) -> str:
        return self.all[0].engine if self.all else "?"

    def run(self, text: str, accept: list[str], forced: str | None):
        w = self.idle.get()
        answer = w.ask((text, accept, forced), self.timeout)
        if answer is None:
            w.stop()
            with self.lock:
                self.all.remove(w)
            self._add(Worker(self.source, self.engine_name, self.ctx))
            return 503, "text/plain; charset=utf-8", f"query stopped after the {self.timeout:g} s timeout".encode()
        self.idle.put(w)
        return answer

    def close(self) -> None:
        with self.lock:
            workers = list(self.all)
            self.all.clear()
        for w in workers:
            w.stop()


class Handler(BaseHTTPRequestHandler):
    server_version = "govkg-sparql"
    pool: QueryPool
    page: bytes
    quiet = False

    def log_message(self, format, *args):  # noqa: A002 (the name is BaseHTTPRequestHandler's)
        if not self.quiet:
            sys.stderr.write("%s %s\n" % (self.address_string(), format % args))

    def _send(self, status: int, ctype: str, body: bytes, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def do_OPTIONS(self):  # noqa: N802 (http.server's naming)
        self._send(204, "text/plain", b"", {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                             "Access-Control-Allow-Headers": "Content-Type, Accept",
                                             "Access-Control-Max-Age": "86400"})

    def do_GET(self):  # noqa: N802
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html", "/graph.html"):
            return self._send(200, "text/html; charset=utf-8", self.page)
        if url.path != "/sparql":
            return self._error(404, f"not found: {url.path} (the endpoint is /sparql)")
        params = parse_qs(url.query, keep_blank_values=True)
        self._answer(params)

    do_HEAD = do_GET

    def do_POST(self):  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(404, f"not found: {url.path} (the endpoint is /sparql)")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(413, "query too large")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self._error(403, "SPARQL Update is not allowed: this endpoint is read-only")
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype in ("application/x-www-form-urlencoded", ""):
            for k, v in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        else:
            return self._error(415, f"unsupported Content-Type {ctype!r}")
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._error(403, "SPARQL Update is not allowed: this endpoint is read-only")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._error(400, "give exactly one 'query' parameter")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return self._error(400, "default-graph-uri and named-graph-uri are not supported: "
                                    "the default graph is the union of all graphs; use GRAPH in the query")
        forced = (params.get("format") or [None])[0]
        status, ctype, body = self.pool.run(queries[0], parse_accept(self.headers.get("Accept")), forced)
        self._send(status, ctype, body)


def explorer_page(source: str | Path) -> bytes:
    """graph.html beside the build's graph, or a page made from the graph."""
    p = Path(source)
    page = (p if p.is_dir() else p.parent) / "graph.html"
    if page.is_file():
        return page.read_bytes()
    from .api import load
    from .export.html import render_html
    return render_html(load(source).networkx).encode("utf-8")


def make_server(source: str | Path, host: str = "127.0.0.1", port: int = 8000, timeout: float = 30.0,
                engine: str = "auto", workers: int = 2, quiet: bool = False) -> tuple[ThreadingHTTPServer, QueryPool]:
    """A server (not yet serving) and its query pool; close both when done."""
    from .load import locate
    path = str(locate(source))
    pool = QueryPool(path, engine, workers, timeout)
    handler = type("GovkgHandler", (Handler,), {"pool": pool, "page": explorer_page(source), "quiet": quiet})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError:
        pool.close()
        raise
    server.daemon_threads = True
    return server, pool

