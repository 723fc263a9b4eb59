"""`hocviec serve --demo` in an empty folder: the real server process answers over HTTP."""

from __future__ import annotations

import httpx

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
    # then
    assert [(p["id"], p["version"]) for p in data["plugins"]] == [
        ("party_committee", "0.1.0"),
        ("peoples_committee", "0.1.0"),
        ("commune_civil_servants", "0.1.0"),
    ]
    assert {edge["node"]["code"] for edge in data["tracks"]["edges"]} == {
        "party_committee",
        "peoples_committee",
        "civil_servant_military",
        "civil_servant_police",
        "civil_servant_justice",
        "civil_servant_finance",
    }
    assert (empty_folder / "hocviec.sqlite3").exists()


def test_restarting_the_demo_server_changes_nothing(serve):
    # given a demo server that ran and stopped
    first = query(serve(), OFFICIAL_COUNT)
    serve.stop_all()
    # when it starts again on the same folder
    second = query(serve(), OFFICIAL_COUNT)
    # then the demo data is the same, not loaded twice

    assert first == second
    assert first["officials"]["totalCount"] == 190
