"""`hocviec serve --demo` in an empty folder: the real server process answers over HTTP."""

from __future__ import annotations

import httpx

from core.services.demo import DEMO_PASSWORD

PLUGINS_AND_TRACKS = "{ plugins { id version } tracks { edges { node { code } } } }"
OFFICIAL_COUNT = "{ officials { totalCount } cohorts { totalCount } }"


def query(base: str, document: str) -> dict:
    response = httpx.post(f"{base}/graphql", json={"query": document}, timeout=10)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def test_serve_demo_in_an_empty_folder_answers_plugins_and_tracks(serve, empty_folder):
    # when
    base = serve()
    data = query(base, PLUGINS_AND_TRACKS)
    # then the built-in plugins come first (an installed plugin may follow them)
    assert [(p["id"], p["version"]) for p in data["plugins"]][:3] == [
        ("party_committee", "0.1.0"),
        ("peoples_committee", "0.1.0"),
        ("commune_civil_servants", "0.1.0"),
    ]
    assert {edge["node"]["code"] for edge in data["tracks"]["edges"]} >= {
        "party_committee",
        "peoples_committee",
        "civil_servant_military",
        "civil_servant_police",
        "civil_servant_justice",
        "civil_servant_finance",
    }
    assert (empty_folder / "hocviec.sqlite3").exists()


SIGN_IN = """
mutation($input: SignInInput!) { signIn(input: $input) { viewer { username } errors { code } } }
"""


def signed_in_query(base: str, username: str, document: str) -> dict:
    """``document`` asked by the demo account ``username`` (README's password)."""
    with httpx.Client(base_url=base, timeout=10) as http:
        credentials = {"input": {"username": username, "password": DEMO_PASSWORD}}
        signed_in = http.post("/graphql", json={"query": SIGN_IN, "variables": credentials})
        assert signed_in.json()["data"]["signIn"]["viewer"] == {"username": username}
        body = http.post("/graphql", json={"query": document}).json()
    assert "errors" not in body, body
    return body["data"]


def test_restarting_the_demo_server_changes_nothing(serve):
    # given a demo server that ran and stopped
    first = signed_in_query(serve(), "demo.admin", OFFICIAL_COUNT)
    serve.stop_all()
    # when it starts again on the same folder
    second = signed_in_query(serve(), "demo.admin", OFFICIAL_COUNT)
    # then the demo data is the same, not loaded twice

    assert first == second
    # the 505 seats of the communes' establishment (and a seat per commune for any post only an
    # installed plugin declares)
    assert first["officials"]["totalCount"] >= 505


def test_each_demo_account_sees_its_own_scope(serve):
    base = serve()
    # the admin of the province and the district's coordinator see every official; the viewer
    # of one commune its officials; the learner only their own record
    counts = {
        username: signed_in_query(base, username, "{ officials { totalCount } }")["officials"]
        for username in ("demo.admin", "demo.coordinator", "demo.viewer", "demo.learner")
    }
    everyone = counts["demo.admin"]["totalCount"]
    assert everyone >= 505
    assert counts["demo.coordinator"]["totalCount"] == everyone
    assert 18 <= counts["demo.viewer"]["totalCount"] < everyone
    assert counts["demo.learner"]["totalCount"] == 1
    # and without sign-in, officials are not public
    anonymous = httpx.post(f"{base}/graphql", json={"query": "{ officials { totalCount } }"})
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
