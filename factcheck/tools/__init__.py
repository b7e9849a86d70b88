"""Evaluation and measurement tools reached from the CLI (``factcheck eval ...``); no stage imports them."""
