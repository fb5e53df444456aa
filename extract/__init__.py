"""govkg extraction: report text -> documents -> mentions -> entities.

This package never imports rdflib; it yields plain frozen records
(see :mod:`extract.model`).
"""

__version__ = "0.1.0"
