"""Every error the library raises, with a code in one place.

The library raises these; only the CLI turns them into messages and exit codes.
"""
from __future__ import annotations

import re

_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # all but tab, newline, return


def display(text: str) -> str:
    """``text`` safe to print: the bytes of a file name that were not UTF-8 (which Python keeps
    as lone surrogates) shown as ``\\xNN``, and control characters escaped, so that no name can
    break a terminal or the UTF-8 of a message."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no file name made
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class GovkgError(Exception):
    """Base class of govkg's own errors."""

    code = "E000"

    def __init__(self, message: str, path: str | None = None):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)

    def __reduce__(self):  # errors travel back from worker processes
        return (self.__class__, (self.message, self.path))


class ReadError(GovkgError):
    """A report file could not be read or decoded."""

    code = "E001"


class InputNotFound(GovkgError):
    """A path given on the command line does not exist or holds no reports."""

    code = "E002"


class ManifestError(GovkgError):
    """The optional manifest is malformed."""

    code = "E003"


class PipelineError(GovkgError):
    """A pipeline stage returned something that breaks its contract."""

    code = "E010"


class ModelError(GovkgError):
    """A recognizer model file (model.json, or one made by ``govkg train``) cannot be used."""

    code = "E020"


class TrainingError(GovkgError):
    """Training a recognizer model failed: no gold, no texts, or a missing library."""

    code = "E021"
