"""Every error the library raises, with a code in one place.

The library raises these; only the CLI turns them into messages and exit codes.
"""
from __future__ import annotations


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
