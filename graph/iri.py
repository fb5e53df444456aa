"""The one place IRIs are minted: deterministic, valid, readable.

Entity IRIs come from the entity key made by extract.resolve.entity_key:

    Place/440115                     -> <https://w3id.org/govkg/id/place/440115>
    Initiative/三区一中心             -> <https://w3id.org/govkg/id/initiative/三区一中心>
    Project/440115/国际物流中心        -> <https://w3id.org/govkg/id/project/440115/国际物流中心>

Chinese characters stay as they are (IRIs allow them); characters that an IRI
path segment cannot hold are replaced by "_" and a short hash of the original
segment is appended, so two different names never share an IRI.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

BASE = "https://w3id.org/govkg/id/"

# allowed in a path segment: unreserved + sub-delims + ":" "@" (RFC 3987 ipchar) minus what Turtle forbids
_BAD = re.compile(r"[^\w\-.~!$&'()*+,;=:@\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]|[\ue000-\uf8ff]|_", re.UNICODE)

_CONTROL = re.compile(r"[\u0000-\u001f\u007f-\u009f]")


def segment(text: str) -> str:
    """A valid, readable IRI path segment for ``text`` (deterministic)."""
    s = unicodedata.normalize("NFKC", text).strip()
    clean = _BAD.sub("_", s)
    clean = _CONTROL.sub("_", clean)
    if clean != s or not clean:
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        clean = f"{clean[:80]}_{digest}" if clean else digest
    return clean


def entity_iri(key: str) -> URIRef:
    return URIRef(entity_id(key))


def entity_id(key: str) -> str:
    """The entity's IRI as a plain string."""
    parts = key.split("/", 1)
    top = parts[0].lower() if parts[0] != "PolicyDocument" else "document"
    rest = parts[1] if len(parts) > 1 else ""
    segs = rest.split("/", 1)
    if len(segs) == 2 and segs[0].isdigit():
        path = f"{segs[0]}/{segment(segs[1])}"
    else:
        path = segment(rest)
    return f"{BASE}{top}/{path}"


def report_iri(doc_id: str) -> URIRef:
    return URIRef(report_id(doc_id))


def report_id(doc_id: str) -> str:
    """The report's IRI as a plain string."""
    return f"{BASE}report/{segment(doc_id)}"


def division_key(code: str) -> str:
    """The entity key of an administrative division (matches extract.resolve.entity_key)."""
    return f"Place/{code}"
