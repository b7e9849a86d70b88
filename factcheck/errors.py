"""The few exceptions library code raises; cli.py turns each into one line and an exit code."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: an expected failure with a message an editor can act on."""

    exit_code = 1


class InputError(FactcheckError, ValueError):
    """Nothing usable is left in the input (every file skipped, or no path exists)."""

    exit_code = 2

    def __init__(self, message: str, skipped: list | None = None) -> None:
        super().__init__(message)
        self.skipped = list(skipped or [])  # the Skipped records, so callers can name each file


class StoreError(FactcheckError):
    """The store is locked by another run, or was written by a newer schema."""

    exit_code = 3


class ModelError(FactcheckError):
    """A model directory is missing, or its labels are not entailment/neutral/contradiction."""

    exit_code = 4
