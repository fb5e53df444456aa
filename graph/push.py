"""Load a build into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph of the build (the ontology, then one graph per report) is sent
with HTTP PUT to ``ENDPOINT?graph=IRI``, which replaces that graph in the store:
pushing a rebuilt report replaces its earlier graph and leaves the others alone.
A build read from a triple format (graph.ttl) has no named graphs and goes to
the store's default graph (``ENDPOINT?default``).

Credentials for HTTP basic authentication never come from the command line, where
every user of the machine can read them (``ps``): the password is taken from
``GOVKG_PASSWORD``, a prompt, or the user's netrc file (``credentials``).  An endpoint
URL that holds a password is refused, and every message shows URLs with the password
replaced by ``***`` (``redact``).
"""
from __future__ import annotations

import base64
import getpass
import netrc
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator
from urllib.parse import quote, urlsplit, urlunsplit

from govkg.extract.errors import GovkgError

from .load import DEFAULT_GRAPH, load_parts

NTRIPLES = "application/n-triples"


def redact(url: str) -> str:
    """``url`` with the password of its user part, if any, replaced by ***."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<an unreadable URL>"
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def split_endpoint(endpoint: str) -> tuple[str, str | None]:
    """(the URL without a user part, the user name it held); a URL holding a password is refused."""
    try:
        parts = urlsplit(endpoint)
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError as exc:
        raise GovkgError(f"{redact(endpoint)}: not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise GovkgError(f"{redact(endpoint)}: the endpoint must be an http(s) URL, e.g. http://localhost:7878/store")
    if parts.password is not None:
        raise GovkgError(f"{redact(endpoint)}: the URL holds a password, which other users can read in the process "
                         "list; set GOVKG_PASSWORD, use --ask-password, or put it in your ~/.netrc")
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=host)), parts.username


def credentials(endpoint: str, user: str | None, ask: bool = False, environ=os.environ,
                netrc_file: str | None = None) -> tuple[str | None, str | None]:
    """(user, password) for ``endpoint``: the user from --user or the URL, the password from
    GOVKG_PASSWORD, a prompt (``ask``), or the netrc file (which may also give the user)."""
    url, url_user = split_endpoint(endpoint)
    user = user or url_user
    if environ.get("GOVKG_PASSWORD") is not None:
        return user, environ["GOVKG_PASSWORD"]
    host = urlsplit(url).hostname
    if ask:
        if not user:
            raise GovkgError("--ask-password needs a user name: --user NAME")
        return user, getpass.getpass(f"password for {user} at {host}: ")
    path = netrc_file or environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if os.path.isfile(path):
        try:
            found = netrc.netrc(path).authenticators(host)
        except (netrc.NetrcParseError, OSError) as exc:
            raise GovkgError(f"{path}: cannot be read as a netrc file: {exc}") from None
        if found and (user is None or found[0] == user):
            return found[0] or user, found[2]
    return user, None


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
        detail = " ".join(exc.read()[:300].decode("utf-8", errors="replace").split())
        raise GovkgError(f"{redact(url)}: the store answered {exc.code} {exc.reason}" + (f": {detail}" if detail else "")) from exc
    except urllib.error.URLError as exc:
        raise GovkgError(f"{redact(url)}: cannot reach the store: {exc.reason}") from exc
    except (TimeoutError, OSError) as exc:
        raise GovkgError(f"{redact(url)}: no answer within {timeout:g} s" if isinstance(exc, TimeoutError)
                         else f"{redact(url)}: {exc}") from exc


def push(path: str | Path, endpoint: str, user: str | None = None, password: str | None = None,
         timeout: float = 60.0) -> Iterator[tuple[str, int]]:
    """PUT every named graph of a build; yields (graph IRI, triple count) as each one lands.
    ``password``: None for none (``credentials`` finds one for the command line)."""
    endpoint, url_user = split_endpoint(endpoint)
    user = user or url_user
    auth = None
    if user:
        auth = "Basic " + base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
    parts = load_parts(path)
    for name in sorted(parts):
        body = parts[name].serialize(format="nt", encoding="utf-8")
        put_graph(graph_url(endpoint, str(name)), body, auth, timeout)
        yield str(name), len(parts[name])
