"""GraphiQL in a real browser, with every request that leaves 127.0.0.1 blocked: a coordinator
signs in, runs a query and a mutation, sees the result and a user error, and signs out.

Drives Debian's Chromium (``/usr/bin/chromium``) with Python playwright. Where either is missing
the test skips, saying so, except under CI (``CI=true``), where that is a failure. The screenshot
of the signed-in page is kept in ``tests/e2e/artifacts/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from core.services.demo import DEMO_PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
BAD_MUTATION = """mutation {
  createCohort(input: {name: "Khóa thử", trackId: "không phải ID", orgUnitId: "x",
    startsOn: "2026-03-02", endsOn: "2026-05-29", capacity: 10}) {
    cohort { id } errors { field code }
  }
}"""


def browser_or_skip() -> Any:
    """playwright's async API, or skip (fail under CI) when it or Chromium is missing."""
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        missing = "python playwright is not installed"
    else:
        if CHROMIUM.exists():
            return async_playwright
        missing = f"{CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"the browser test needs {missing}")
    pytest.skip(f"the browser test needs {missing}")


async def type_query(page: Any, text: str) -> None:
    """Replace the query as a user would: select all in the editor and type."""
    await page.click(".graphiql-query-editor .CodeMirror")
    await page.keyboard.press("Control+A")
    await page.keyboard.insert_text(text)
    # GraphiQL works out the operation to run once the edit settles (and stores the query then)
    await page.wait_for_function(
        "(text) => localStorage.getItem('graphiql:query') === text", arg=text
    )


async def result(page: Any, containing: str) -> str:
    selector = ".result-window .CodeMirror"
    await page.wait_for_function(
        "([selector, text]) => document.querySelector(selector)?.CodeMirror.getValue()"
        ".includes(text)",
        arg=[selector, containing],
        timeout=15_000,
    )
    text: str = await page.evaluate(f"document.querySelector('{selector}').CodeMirror.getValue()")
    return text


async def test_a_coordinator_signs_in_queries_mutates_and_signs_out_offline(serve):
    async_playwright = browser_or_skip()
    base = serve()
    left: list[str] = []
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"]
        )
        page = await browser.new_page()

        async def only_this_server(route: Any) -> None:
            if route.request.url.startswith(base):
                await route.continue_()
            else:
                left.append(route.request.url)
                await route.abort()

        await page.route("**/*", only_this_server)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda message: problems.append(message.text) if message.type == "error" else None,
        )
        # when a coordinator opens the page and signs in
        await page.goto(f"{base}/graphql")
        await page.wait_for_selector(".graphiql-container")
        await page.fill("input[name=username]", "demo.coordinator")
        await page.fill("input[name=password]", DEMO_PASSWORD)
        await page.click("#sign-in button[type=submit]")
        await page.wait_for_selector("#who:has-text('demo.coordinator')")
        # then the first example (eligible officials) runs with the coordinator's scope
        await page.click(".graphiql-execute-button")
        officials = await result(page, '"totalCount"')
        ARTIFACTS.mkdir(exist_ok=True)
        await page.screenshot(path=ARTIFACTS / "graphiql-signed-in.png", full_page=True)
        # and a mutation with a bad ID answers a user error naming the field
        await type_query(page, BAD_MUTATION)
        await page.click(".graphiql-execute-button")
        refused = await result(page, "INVALID_ID")
        # and after signing out, officials are not for anyone
        await page.click("#sign-out")
        await page.wait_for_selector("#sign-in:not([hidden])")
        await type_query(page, "{ officials { totalCount } }")
        await page.click(".graphiql-execute-button")
        signed_out = await result(page, "UNAUTHENTICATED")
        await browser.close()

    total = re.search(r'"totalCount": (\d+)', officials)
    assert total is not None and int(total[1]) >= 505  # the communes' establishment
    assert '"field": "trackId"' in refused
    assert '"officials"' not in signed_out.split('"errors"')[0]
    assert left == [], "the page asked for something outside the server"
    assert [p for p in problems if "401" not in p and "403" not in p] == []
