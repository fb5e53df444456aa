"""Print a random sample of relation statements with their evidence sentences, for
reading by hand (relation precision is checked this way: the gold only samples relations).

    python -m govkg.graph.sample out/graph.ttl -n 30 --seed 7

Reads the exported graph only through SPARQL, the way any user of the export would.
"""
from __future__ import annotations

import argparse
import random
import sys

from rdflib import Graph

QUERY = """
PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?st ?sl ?p ?ol ?status ?report ?begin ?end ?sentence WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      gov:evidence ?span ; prov:wasDerivedFrom ?r .
  ?r dcterms:identifier ?report .
  ?s rdfs:label ?sl . ?o rdfs:label ?ol .
  ?span nif:beginIndex ?begin ; nif:endIndex ?end ; nif:sentence/nif:anchorOf ?sentence .
  OPTIONAL { ?st gov:status/rdfs:label ?status . FILTER(lang(?status) = "en") }
}
ORDER BY ?st
"""


def sample(graph: Graph, n: int, seed: int) -> list[dict]:
    rows = [dict(zip(("st", "subject", "predicate", "object", "status", "report", "begin", "end", "sentence"),
                     (str(x) if x is not None else "" for x in row))) for row in graph.query(QUERY)]
    rng = random.Random(seed)
    return rng.sample(rows, min(n, len(rows)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m govkg.graph.sample", description=__doc__.splitlines()[0])
    ap.add_argument("graph", help="an exported graph file (Turtle, N-Triples, JSON-LD …)")
    ap.add_argument("-n", type=int, default=30, help="how many statements (default 30)")
    ap.add_argument("--seed", type=int, default=1, help="random seed, for a repeatable sample")
    a = ap.parse_args(argv)
    g = Graph()
    g.parse(a.graph)
    for i, r in enumerate(sample(g, a.n, a.seed), 1):
        pred = r["predicate"].rsplit("#", 1)[-1]
        status = f" [{r['status']}]" if r["status"] else ""
        print(f"{i:2d}. {r['subject']} --{pred}{status}--> {r['object']}   ({r['report']} {r['begin']}-{r['end']})")
        print(f"    {r['sentence'].strip()[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
