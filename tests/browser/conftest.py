"""Playwright in Debian's Chromium against pytest-django's ``live_server`` (design §9).

* The browser is ``/usr/bin/chromium`` (``CHROMIUM_PATH`` overrides), launched through
  ``executable_path``: Playwright never downloads a browser here.
* Every test under ``tests/browser/`` is marked ``browser``. When Chromium or the ``playwright``
  package is missing, those tests are *skipped*, unless ``REQUIRE_BROWSER=1`` (CI), where they
  *fail*.
* A failing test leaves a full-page screenshot in ``test-artifacts/<test name>.png``.
* Tests use ``transactional_db`` (the live server thread needs committed data), so data made in
  the test with factories is visible to the browser.

Fixtures: ``browser`` (per test), ``page`` (fresh context per test, Indonesian locale),
``base_url`` (the live server's URL) and ``login(page, username, password)``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.factories import DEFAULT_PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REQUIRED = os.environ.get("REQUIRE_BROWSER", "") == "1"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEFAULT_TIMEOUT_MS = 15_000


def _unavailable_reason() -> str | None:
    if not os.path.exists(CHROMIUM):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -r requirements-dev.txt)"
    return None


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    reason = _unavailable_reason()
    for item in items:
        if here not in Path(str(item.path)).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        if reason and not REQUIRED:
            item.add_marker(pytest.mark.skip(reason=f"browser test skipped: {reason}"))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def browser(monkeypatch):
    """Chromium for one test.

    Per test, not per session: Playwright's sync API keeps an asyncio loop running in the test
    thread while it is started, and Django refuses ORM calls from such a thread. During a browser
    test that is intended (the calls are synchronous), hence DJANGO_ALLOW_ASYNC_UNSAFE, set only
    for the test; stopping Playwright afterwards leaves the other tests with Django's normal guard,
    and the variable never leaks into subprocesses of other tests (e.g. ``check --deploy``).
    """
    reason = _unavailable_reason()
    if reason:
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def base_url(live_server, transactional_db) -> str:
    return live_server.url


@pytest.fixture
def page(browser, base_url, request):
    viewport = getattr(request, "param", None) or {"width": 1280, "height": 900}
    context = browser.new_context(locale="id-ID", viewport=viewport, base_url=base_url)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    yield page
    failed = any(getattr(getattr(request.node, f"rep_{when}", None), "failed", False) for when in ("setup", "call"))
    if failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.html").write_text(page.content())
        except Exception as exc:  # a crashed page must not hide the test's own failure
            print(f"screenshot failed: {exc}")
    context.close()


@pytest.fixture
def login():
    """Sign in through the login form, as a person would."""

    def do(page, username: str, password: str):
        page.goto("/masuk/")
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state("domcontentloaded")

    return do


@pytest.fixture
def as_user(browser, base_url):
    """A fresh signed-in browser page for ``user`` (one context per person)."""
    contexts = []

    def open_as(user):
        context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900}, base_url=base_url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())  # data-confirm prompts
        page.goto("/masuk/")
        page.get_by_label("Nama pengguna").fill(user.username)
        page.get_by_label("Kata sandi").fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state("domcontentloaded")
        return page

    yield open_as
    for context in contexts:
        context.close()
