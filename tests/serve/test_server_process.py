"""`factcheck serve` as a real process: binds to loopback by default, and kill -9 loses no decision."""

from __future__ import annotations

import os
import re
import signal

import httpx
from conftest import FOUND

from factcheck.store import Store


def test_serve_binds_loopback_by_default():
    from typer.main import get_command

    from factcheck.cli import app

    serve = get_command(app).commands["serve"]
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_kill_9_right_after_a_decision_loses_nothing(server):
    url, proc, db = server
    did = FOUND[0].id
    with httpx.Client(base_url=url) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get(f"/flags/{did}").text).group(1)
        answer = client.post(f"/flags/{did}", data={"csrf": token, "decision": "dismissed", "note": "wire got it wrong",
                                                           "seen": "0"})
        assert answer.status_code == 303  # the page is about to say "saved"
    os.kill(proc.pid, signal.SIGKILL)  # no shutdown, no checkpoint, no flush
    proc.wait(timeout=10)
    with Store.open(db) as store:
        row = store.list_discrepancies().set_index("id").loc[did]
        assert (row["status"], row["note"], row["reviewer"]) == ("dismissed", "wire got it wrong", "ann")
        assert [h["decision"] for h in store.history(did)] == ["dismissed"]
