"""Load a build into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph of the build (the ontology, then one graph per report) is sent
with HTTP PUT to ``ENDPOINT?graph=IRI``, which replaces that graph in the store:
pushing a rebuilt report replaces its earlier graph and leaves the others alone.
A build read from a triple format (graph.ttl) has no named graphs and goes to
the store's default graph (``ENDPOINT?default``).
"""
from __future__ import annotations

import base64
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator
from urllib.parse import quote, urlsplit

from govkg.extract.errors import GovkgError

from .load import DEFAULT_GRAPH, load_parts

NTRIPLES = "application/n-triples"


def graph_url(endpoint: str, name: str) -> str:
    sep = "&" if "?" in endpoint else "?"
    if name == str(DEFAULT_GRAPH):
        return f"{endpoint}{sep}default"
    return f"{endpoint}{sep}graph={quote(name, safe='')}"


def put_graph(url: str, body: bytes, auth: str | None, timeout: float) -> None:
    req = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": f"{NTRIPLES}; charset=utf-8"})
    if auth:
        req.add_header("Authorization", auth)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:300].decode("utf-8", errors="replace").strip()
        raise GovkgError(f"{url}: the store answered {exc.code} {exc.reason}" + (f": {detail}" if detail else "")) from exc
    except urllib.error.URLError as exc:
        raise GovkgError(f"{url}: cannot reach the store: {exc.reason}") from exc
    except TimeoutError as exc:
        raise GovkgError(f"{url}: no answer within {timeout:g} s") from exc


def push(path: str | Path, endpoint: str, user: str | None = None, password: str | None = None,
         timeout: float = 60.0) -> Iterator[tuple[str, int]]:
    """PUT every named graph of a build; yields (graph IRI, triple count) as each one lands."""
    scheme = urlsplit(endpoint).scheme
    if scheme not in ("http", "https"):
        raise GovkgError(f"{endpoint}: the endpoint must be an http(s) URL, e.g. http://localhost:7878/store")
    auth = None
    if user:
        secret = password if password is not None else os.environ.get("GOVKG_PASSWORD", "")
        auth = "Basic " + base64.b64encode(f"{user}:{secret}".encode("utf-8")).decode("ascii")
    parts = load_parts(path)
    for name in sorted(parts):
        body = parts[name].serialize(format="nt", encoding="utf-8")
        put_graph(graph_url(endpoint, str(name)), body, auth, timeout)
        yield str(name), len(parts[name])
