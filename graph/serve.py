"""A read-only SPARQL 1.1 Protocol endpoint over a built graph, with the explorer page.

    GET  /                         the explorer page (graph.html)
    GET  /sparql?query=…           a query (results by content negotiation)
    POST /sparql                   form-encoded ``query=…`` or a body of type application/sparql-query
    GET  /health                   runs ``ASK {}`` through the query workers: 200 or 503

    GET  /sparql (no query)        the SPARQL 1.1 Service Description (Turtle, or by ``Accept``)

Results: JSON, XML, CSV or TSV for SELECT and ASK (the ``Accept`` header, or
``format=json|xml|csv|tsv``); Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT and
DESCRIBE (``format=turtle|nt|rdfxml|jsonld``; ``xml`` and ``json`` give RDF/XML and JSON-LD).
With no acceptable type, 406.

What it refuses, so that a browser page or a query cannot use it against the user:
SPARQL Update (403); SERVICE unless ``allow_service`` names the host, and FROM
loading anything (see ``sparql.check_query``); requests from another origin unless
``cors`` names it (a page on any other site can then neither read answers nor make
the server work); on a loopback address, requests for another host name (a DNS
rebinding page); bodies without a valid Content-Length (400, 411, 413).

Queries run in worker processes that hold the graph.  A query's timeout counts from
its arrival, the wait for a free worker included; a query past it is stopped by ending
its worker (a thread could not be stopped) and answered 503.  A query that crashes
or kills its worker is answered 500 with a one-line reason.  Either way a fresh
worker takes the old one's place.
"""
from __future__ import annotations

import ipaddress
import json
import multiprocessing as mp
import os
import queue
import re
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from govkg.extract.errors import GovkgError

from .results import MEDIA_TYPES, named_format, render

SELECT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "text/plain": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt",
               "text/plain": "nt", "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml",
               "application/ld+json": "jsonld", "application/x-json+ld": "jsonld", "application/json": "jsonld"}
MAX_BODY = 1 << 20  # a query larger than 1 MiB is refused
READ_SECONDS = 30.0  # a client must send its request within this time
BACKLOG = 1024  # connections the kernel queues before the server accepts them (capped by somaxconn)
HEALTH_QUERY = "ASK {}"
TEXT = "text/plain; charset=utf-8"


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
        return named_format("graph" if kind == "graph" else "select", forced)
    for media in accept:
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


def _utf8(text: str) -> bytes:
    """UTF-8 bytes of a result; a lone surrogate (a query can make one) becomes U+FFFD."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return re.sub("[\ud800-\udfff]", "\ufffd", text).encode("utf-8")


def _answer(eng, request) -> tuple[int, str, bytes]:
    from .sparql import QueryError

    text, accept, forced = request
    try:
        result = eng.query(text)
    except QueryError as exc:
        status = 403 if "not allowed" in str(exc) else 400
        return status, TEXT, _utf8(str(exc))
    fmt = choose_format(result.kind, accept, forced)
    if fmt is None:
        return 406, TEXT, b"no acceptable result format for this query"
    return 200, f"{MEDIA_TYPES[fmt]}; charset=utf-8", _utf8(render(result, fmt))


def _worker_main(source: str, engine: str, allow_service: tuple[str, ...], conn) -> None:
    """A worker process: load the graph once, then answer (query, accept, forced) requests."""
    from govkg.extract.lifeline import exit_with_parent

    from .sparql import guard_network, open_engine
    exit_with_parent()
    guard_network(allow_service)
    try:
        eng = open_engine(source, engine, allow_service)
        conn.send(("ready", eng.name))
    except Exception as exc:  # report any load failure to the parent, then stop
        conn.send(("failed", " ".join(str(exc).split())))
        return
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = _answer(eng, request)
        except Exception as exc:  # a bug or an engine failure: one line for the client, the worker lives on
            reason = " ".join(str(exc).split())[:300]
            reply = (500, TEXT, _utf8(f"query failed: internal error ({type(exc).__name__}: {reason})"))
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return


def exit_reason(code: int | None) -> str:
    """Why a worker process ended, in words."""
    if code is None:
        return "it stopped answering"
    if code < 0:
        try:
            return f"it was killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"it was killed by signal {-code}"
    return f"it exited with status {code}"


class WorkerDied(Exception):
    """The worker process ended while it held a query."""


class Worker:
    """One query process holding the graph."""

    def __init__(self, source: str, engine: str, ctx, allow_service: tuple[str, ...] = ()):
        self.parent, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(source, engine, allow_service, child), daemon=True)
        self.process.start()
        child.close()
        try:
            state, info = self.parent.recv()
        except (EOFError, OSError):
            self.process.join(5)
            raise GovkgError(f"cannot load the graph for queries: the worker ended ({exit_reason(self.process.exitcode)})")
        if state != "ready":
            self.process.join(1)
            raise GovkgError(f"cannot load the graph for queries: {info}")
        self.engine = info

    def ask(self, request, timeout: float):
        """The worker's answer, or None after ``timeout`` seconds; WorkerDied if it ended."""
        try:
            self.parent.send(request)
            if self.parent.poll(max(timeout, 0.0)):
                return self.parent.recv()
        except (EOFError, OSError) as exc:
            self.process.join(5)
            raise WorkerDied(exit_reason(self.process.exitcode)) from exc
        if not self.process.is_alive():
            raise WorkerDied(exit_reason(self.process.exitcode))
        return None

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.parent.close()


class QueryPool:
    """Worker processes.  A query waits for a free one; a query over time, or one whose worker
    dies, costs that worker, and a new one is started in the background to take its place."""

    def __init__(self, source: str, engine: str = "oxigraph", workers: int = 2, timeout: float = 30.0,
                 allow_service: tuple[str, ...] = ()):
        self.source, self.engine_name, self.timeout = source, engine, timeout
        self.allow_service = tuple(allow_service)
        self.ctx = mp.get_context("spawn")
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.all: list[Worker] = []
        self.lock = threading.Lock()
        self.closed = False
        self.held: int | None = None  # a file descriptor that keeps the build's generation (export/generation.py)
        self.starting = 0
        self.last_failure = ""
        self._engine = "?"
        self._graphs: list[tuple[str, int]] | None = None
        for _ in range(max(1, workers)):
            self._add(self._new())

    def _new(self) -> Worker:
        w = Worker(self.source, self.engine_name, self.ctx, self.allow_service)
        self._engine = w.engine
        return w

    def _add(self, w: Worker) -> None:
        with self.lock:
            if self.closed:
                w.stop()
                return
            self.all.append(w)
        self.idle.put(w)

    @property
    def engine(self) -> str:
        return self._engine

    @property
    def workers(self) -> int:
        with self.lock:
            return len(self.all)

    def _replace(self, w: Worker) -> None:
        """Stop ``w`` and start its successor in the background."""
        w.stop()
        with self.lock:
            if w in self.all:
                self.all.remove(w)
            if self.closed:
                return
            self.starting += 1

        def start() -> None:
            try:
                self._add(self._new())
            except GovkgError as exc:
                self.last_failure = str(exc)
                sys.stderr.write(f"govkg serve: error: a replacement query worker failed: {exc}\n")
            finally:
                with self.lock:
                    self.starting -= 1

        threading.Thread(target=start, name="govkg-worker-start", daemon=True).start()

    def run(self, text: str, accept: list[str], forced: str | None, timeout: float | None = None):
        """(status, content type, body) for one query, within ``timeout`` seconds of being called."""
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        with self.lock:
            empty = not self.all and not self.starting
        if empty:
            return 503, TEXT, _utf8(f"no query worker is running: {self.last_failure or 'all of them failed'}")
        busy = f"no query worker became free within the {limit:g} s timeout; try again later".encode()
        while True:
            try:
                w = self.idle.get(timeout=max(deadline - time.monotonic(), 0.001))
            except queue.Empty:
                return 503, TEXT, busy
            if w.process.is_alive():
                break
            self._replace(w)  # it died while idle (killed from outside): not this query's doing
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            self.idle.put(w)
            return 503, TEXT, busy
        try:
            answer = w.ask((text, accept, forced), remaining)
        except WorkerDied as exc:
            self._replace(w)
            return 500, TEXT, _utf8(f"the query stopped its worker process ({exc}); a new worker is starting")
        if answer is None:
            self._replace(w)
            return 503, TEXT, f"query stopped after the {limit:g} s timeout".encode()
        self.idle.put(w)
        return answer

    def named_graphs(self) -> list[tuple[str, int]] | None:
        """(IRI, triples) of each named graph of the build (asked once, then kept: the build a
        server holds does not change), or None when no worker answered."""
        from .service_description import GRAPHS_QUERY, graphs_of

        if self._graphs is None:
            status, _, body = self.run(GRAPHS_QUERY, ["application/sparql-results+json"], None)
            if status != 200:
                return None
            self._graphs = graphs_of(json.loads(body))
        return self._graphs

    def health(self) -> tuple[bool, dict]:
        """Whether a query is answered now, and what the pool holds."""
        status, _, body = self.run(HEALTH_QUERY, ["application/sparql-results+json"], None, min(self.timeout, 10.0))
        info = {"status": "ok" if status == 200 else "unavailable", "engine": self.engine, "workers": self.workers,
                "starting": self.starting}
        if status != 200:
            info["reason"] = body.decode("utf-8", "replace").strip()
        return status == 200, info

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers = list(self.all)
            self.all.clear()
        for w in workers:
            w.stop()
        if self.held is not None:
            os.close(self.held)
            self.held = None


_CONTROL = {i: f"\\x{i:02x}" for i in [*range(0x20), 0x7F]}
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


class Handler(BaseHTTPRequestHandler):
    server_version = "govkg-sparql"
    default_request_version = "HTTP/1.0"  # a malformed request line still gets a status line
    error_content_type = TEXT
    error_message_format = "%(code)d %(message)s: %(explain)s\n"  # http.server's own errors, as one line of text
    timeout = READ_SECONDS  # seconds a client may take to send its request (a socket timeout)
    pool: QueryPool
    page: bytes
    quiet = False
    cors: frozenset[str] = frozenset()

    def log_message(self, format, *args):  # noqa: A002 (the name is BaseHTTPRequestHandler's)
        if not self.quiet:
            line = (format % args).translate(_CONTROL)  # a request line cannot write escapes to the terminal
            sys.stderr.write("%s %s\n" % (self.address_string(), line))

    # ---------------------------------------------------------------- origins

    def _host_ok(self) -> bool:
        """On a loopback address, only requests for this machine's names (against DNS rebinding)."""
        bound, port = self.server.server_address[:2]
        if not _is_loopback(str(bound)):
            return True
        host = self.headers.get("Host")
        if host is None:
            return True  # HTTP/1.0 tools send none; a browser always does
        m = re.fullmatch(r"(\[[0-9A-Fa-f:.]+\]|[^:\[\]]+)(?::(\d+))?", host.strip())
        if not m:
            return False
        name, given = m.group(1).strip("[]").lower(), m.group(2)
        return (name in _LOOPBACK_NAMES or name.endswith(".localhost") or _is_loopback(name)) and \
            int(given or 80) == port

    def _origin(self) -> str | None:
        return self.headers.get("Origin")

    def _same_origin(self, origin: str) -> bool:
        host = self.headers.get("Host")
        return host is not None and origin.lower() == f"http://{host}".lower()

    def _cross_allowed(self, origin: str) -> bool:
        return "*" in self.cors or origin in self.cors

    def _cors_headers(self) -> dict:
        origin = self._origin()
        if origin and not self._same_origin(origin) and self._cross_allowed(origin):
            return {"Access-Control-Allow-Origin": "*" if "*" in self.cors else origin, "Vary": "Origin, Accept"}
        return {}

    def _refuse_request(self) -> bool:
        """Answer and return True when the request may not be served at all."""
        if not self._host_ok():
            self._error(403, f"this server answers for its loopback address only, not for Host: "
                             f"{self.headers.get('Host')!r} (use --host to serve other names)")
            return True
        origin = self._origin()
        if origin and not self._same_origin(origin) and not self._cross_allowed(origin):
            self._error(403, f"requests from the origin {origin!r} are not allowed; "
                             f"start the server with --cors {origin} to allow that site to query it")
            return True
        return False

    # ---------------------------------------------------------------- answers

    def _send(self, status: int, ctype: str, body: bytes, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        headers = {"Vary": "Accept", **self._cors_headers(), **(extra or {})}
        if self.close_connection:
            headers["Connection"] = "close"
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, close: bool = False) -> None:
        if close:
            self.close_connection = True
        self._send(status, TEXT, _utf8(message + "\n"))

    def do_OPTIONS(self):  # noqa: N802 (http.server's naming)
        if self._refuse_request():
            return
        extra = {"Allow": "GET, HEAD, POST, OPTIONS"}
        if self._cors_headers():
            extra.update({"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                          "Access-Control-Allow-Headers": "Content-Type, Accept",
                          "Access-Control-Max-Age": "86400"})
        self._send(204, "text/plain", b"", extra)

    def do_GET(self):  # noqa: N802
        if self._refuse_request():
            return
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html", "/graph.html"):
            return self._send(200, "text/html; charset=utf-8", self.page)
        if url.path == "/health":
            ok, info = self.pool.health()
            return self._send(200 if ok else 503, "application/json", json.dumps(info).encode("utf-8"))
        if url.path != "/sparql":
            return self._error(404, f"not found: {url.path} (the endpoint is /sparql)")
        params = parse_qs(url.query, keep_blank_values=True)
        if "query" not in params and "update" not in params:
            return self._describe()
        self._answer(params)

    do_HEAD = do_GET

    def _describe(self) -> None:
        """The SPARQL 1.1 Service Description, in the RDF format the Accept header asks for."""
        from .results import MEDIA_TYPES, serialize_graph
        from .service_description import service_description

        fmt = choose_format("graph", parse_accept(self.headers.get("Accept")))
        if fmt is None:
            return self._error(406, "no acceptable format for the service description "
                                    "(text/turtle, application/n-triples, application/rdf+xml, application/ld+json)")
        graphs = self.pool.named_graphs()
        if graphs is None:
            return self._error(503, "the service description could not be made now: no query worker answered")
        host = (self.headers.get("Host") or "").strip()
        if not re.fullmatch(r"[A-Za-z0-9.-]+(?::\d{1,5})?|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?", host):
            host = "%s:%s" % self.server.server_address[:2]  # no Host, or one that is no host name: the socket's
        description = service_description(f"http://{host}/sparql", graphs)
        self._send(200, f"{MEDIA_TYPES[fmt]}; charset=utf-8", _utf8(serialize_graph(description, fmt)))

    def _body(self) -> bytes | None:
        """The request body, or None after answering 400, 408, 411 or 413."""
        if self.headers.get("Transfer-Encoding"):
            self._error(411, "chunked request bodies are not supported: send a Content-Length", close=True)
            return None
        values = self.headers.get_all("Content-Length") or []
        if not values:
            self._error(411, "a POST needs a Content-Length header", close=True)
            return None
        if len(set(v.strip() for v in values)) != 1 or not re.fullmatch(r"[0-9]{1,12}", values[0].strip()):
            self._error(400, f"bad Content-Length header: {', '.join(values)[:40]!r}", close=True)
            return None
        length = int(values[0])
        if length > MAX_BODY:
            self._error(413, f"query too large: {length} bytes (at most {MAX_BODY})", close=True)
            return None
        try:
            body = self.rfile.read(length)
        except (socket.timeout, TimeoutError):
            self._error(408, f"the request body did not arrive within {self.timeout:g} s", close=True)
            return None
        if len(body) != length:
            self._error(400, f"the body ended after {len(body)} of its {length} bytes", close=True)
            return None
        return body

    def do_POST(self):  # noqa: N802
        if self._refuse_request():
            return
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(404, f"not found: {url.path} (the endpoint is /sparql)", close=True)
        raw = self._body()
        if raw is None:
            return
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return self._error(400, f"the request body is not UTF-8 (byte {exc.start})")
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


class Server(ThreadingHTTPServer):
    """A threading HTTP server with a listen backlog for many clients; an error in a handler is
    logged as one line, never as a traceback."""

    request_queue_size = BACKLOG
    daemon_threads = True
    errors = 0

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        self.errors += 1
        if isinstance(exc, (ConnectionError, socket.timeout, TimeoutError)):
            return  # the client went away
        reason = " ".join(str(exc).split())[:200]
        sys.stderr.write(f"govkg serve: error answering {client_address[0]}: {type(exc).__name__}: {reason}\n")


def explorer_page(source: str | Path) -> bytes:
    """graph.html beside the build's graph, or a page made from the graph."""
    p = Path(source)
    page = (p if p.is_dir() else p.parent) / "graph.html"
    if page.is_file():
        return page.read_bytes()
    from .api import load
    from .export.html import render_html
    return render_html(load(source).networkx).encode("utf-8")


def query_source(path: Path, engine: str = "oxigraph") -> Path:
    """What the query workers open: the build's on-disk Oxigraph store when it was made from this
    graph.trig (checked once here, not in every worker), else the graph file, parsed."""
    from .export.store import available, matching_store
    from .load import rdf_format
    if engine == "rdflib" or not available() or rdf_format(path) != "trig":
        return path
    return matching_store(path) or path


def make_server(source: str | Path, host: str = "127.0.0.1", port: int = 8000, timeout: float = 30.0,
                engine: str = "oxigraph", workers: int = 2, quiet: bool = False, cors: tuple[str, ...] = (),
                allow_service: tuple[str, ...] = ()) -> tuple[ThreadingHTTPServer, QueryPool]:
    """A server (not yet serving) and its query pool; close both when done.

    ``cors``: origins (``https://example.org``, or ``*`` for any) whose pages may read answers;
    ``allow_service``: hosts that SERVICE clauses may call."""
    from .load import locate
    from .export.generation import hold
    path = locate(source).resolve()  # a build folder's current generation, held for the whole run
    pool = QueryPool(str(query_source(path, engine)), engine, workers, timeout, tuple(allow_service))
    pool.held = hold(path)  # a later build keeps this generation while the server reads it
    page = explorer_page(path)
    handler = type("GovkgHandler", (Handler,), {"pool": pool, "page": page, "quiet": quiet,
                                                "cors": frozenset(o.rstrip("/") for o in cors)})
    try:
        server = Server((host, port), handler)
    except OSError:
        pool.close()
        raise
    return server, pool
