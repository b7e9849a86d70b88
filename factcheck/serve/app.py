"""The Starlette app: routes, CSRF, security headers and one SQLite connection per worker thread.

Reads and writes run in Starlette's thread pool through ``Store`` (WAL, busy timeout,
BEGIN IMMEDIATE), so two reviewers, or a reviewer and the CLI, can work on one store at once.
A POST answers with a redirect only after ``Store.review`` has committed: the page the browser
then loads reads the decision back from the store.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..errors import FactcheckError
from ..store import DECISION_WORDS, STATUSES, ReviewConflict, Store, default_reviewer
from . import views

HERE = Path(__file__).resolve().parent
# Pages load scripts and styles from /static only; the served report.html keeps its own meta CSP.
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'")


class _Stores(threading.local):
    """One Store per worker thread: sqlite3 connections must stay on the thread that opened them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store: Store | None = None

    def get(self) -> Store:
        if self.store is None:
            self.store = Store.open(self.path)
        return self.store


def _security_headers(app):
    async def wrapped(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not scope["path"].startswith("/report"):
                    headers.append((b"content-security-policy", PAGE_CSP.encode()))
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
                            (b"x-frame-options", b"DENY"), (b"cache-control", b"no-store")]
                message = {**message, "headers": headers}
            await send(message)

        return await app(scope, receive, send_with_headers)

    return wrapped


def create_app(db: str | Path, reviewer: str | None = None, host: str = "127.0.0.1") -> Starlette:
    """The review app over the store at ``db``; ``reviewer`` names who decides (default: the OS user)."""
    db = Path(db)
    stores = _Stores(db)
    who = (reviewer or "").strip() or default_reviewer()
    csrf_token = secrets.token_urlsafe(32)  # per server process: a page from an older server must be reloaded
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    templates = Jinja2Templates(env=env)

    def page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
        base = {"reviewer": who, "csrf": csrf_token, "db": str(db), "statuses": STATUSES, "kinds": views.KINDS}
        return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)

    def in_thread(fn, *args):
        return run_in_threadpool(lambda: fn(stores.get(), *args))

    async def flag_list(request: Request) -> Response:
        filters = views.Filters.from_query(request.query_params)

        def load(store: Store):
            rows = views.flag_rows(store, filters)
            stories = sorted({s for s in (r["story"] for r in views.flag_rows(store, views.Filters())) if s})
            return rows, stories

        rows, stories = await in_thread(load)
        return page(request, "list.html", {"groups": views.grouped(rows), "count": len(rows), "filters": filters,
                                           "query": filters.query(), "stories": stories})

    async def flag_page(request: Request, error: str | None = None, note: str = "", status_code: int = 200) -> Response:
        did = request.path_params["did"]
        filters = views.Filters.from_query(request.query_params)

        def load(store: Store):
            detail = views.flag_detail(store, did)
            return detail, views.neighbours(views.flag_rows(store, filters), did)

        detail, (previous, following) = await in_thread(load)
        if detail is None:
            return page(request, "error.html", {"message": f"no discrepancy {did} in {db}"}, status_code=404)
        saved = request.query_params.get("saved")
        return page(request, "flag.html", {**detail, "previous": previous, "next": following, "query": filters.query(),
                                           "saved": DECISION_WORDS.get(saved or ""), "error": error, "note": note},
                    status_code=status_code)

    async def decide(request: Request) -> Response:
        did = request.path_params["did"]
        form = await request.form()
        if not _same_origin(request) or not hmac.compare_digest(str(form.get("csrf") or ""), csrf_token):
            return page(request, "error.html", {"message": "this form has expired or came from another site; "
                                                           "reload the page and try again"}, status_code=403)
        decision = str(form.get("decision") or "")
        note = str(form.get("note") or "")
        seen = str(form.get("seen") or "")
        if decision not in DECISION_WORDS or not seen.isdigit():
            return page(request, "error.html", {"message": f"unknown decision {decision!r}"}, status_code=400)
        try:
            await in_thread(lambda store: store.review(did, decision, note, reviewer=who, seen_decisions=int(seen)))
        except ReviewConflict as exc:  # another reviewer decided meanwhile: show theirs, keep this note
            return await flag_page(request, error=str(exc), note=note, status_code=409)
        except FactcheckError as exc:  # e.g. a dismissal without a note: say so on the flag's page
            return await flag_page(request, error=str(exc).replace(" (--note TEXT)", ""), note=note, status_code=400)
        query = str(form.get("query") or "")
        target = f"/flags/{did}?{query + '&' if query else ''}saved={decision}"
        return RedirectResponse(target, status_code=303)

    async def report(request: Request) -> Response:
        def load(store: Store):
            run = store.last_run()
            folder = (run or {}).get("stats", {}) or {}
            path = Path(folder["report_dir"]) / "report.json" if folder.get("report_dir") else None
            if path is None or not path.is_file():
                return None
            return views.report_with_decisions(json.loads(path.read_text(encoding="utf-8")), store)

        data = await in_thread(load)
        if data is None:
            return page(request, "error.html", {"message": "no report.json from the last run; run `factcheck run` "
                                                           "with this store first"}, status_code=404)
        from ..report.to_html import render_html

        return HTMLResponse(render_html(data, review_url="/"))

    hosts = ["127.0.0.1", "localhost", "[::1]", "testserver"] + ([host] if host not in ("0.0.0.0", "::") else ["*"])
    return Starlette(
        routes=[
            Route("/", flag_list),
            Route("/flags/{did:str}", flag_page, methods=["GET"]),
            Route("/flags/{did:str}", decide, methods=["POST"]),
            Route("/report", report),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts), Middleware(_security_headers)],
    )


def _same_origin(request: Request) -> bool:
    """A browser's Origin (sent with every cross-site POST) must be this server; no Origin is a non-browser client."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host")
