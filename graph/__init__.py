"""govkg graph: extracted records -> RDF (rdflib), networkx and exports.

The only package that knows RDF, networkx and pyvis.
"""

__version__ = "0.1.0"
