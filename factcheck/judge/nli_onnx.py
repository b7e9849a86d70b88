"""Where an NLI model directory ships its int8 ONNX export; the export and the sessions themselves
are ``factcheck.onnx_models`` (shared with the sentence embedder).
"""

from __future__ import annotations

from factcheck.onnx_models import (  # noqa: F401 - the NLI judge's API
    _first_line,
    export_onnx,
    exported_onnx,
    has_onnxruntime,
    load_session,
)

ONNX_FILE = "onnx/model_qint8.onnx"  # where a model directory ships its int8 export, if any
