"""Built-in plugin: People's committee track (UBND)."""

from __future__ import annotations

from pathlib import Path

from hocviec import (
    DemoContext,
    PluginInfo,
    QuestionBankDeclaration,
    SchemeDeclaration,
    TrackDeclaration,
    hookimpl,
)
from plugins.peoples_committee import curriculum
from plugins.peoples_committee import demo as demo_data

VERSION = "0.1.0"
QUESTIONS = Path(__file__).parent / "questions"
"""The shipped question bank (demo material for the appraisal board to review and replace)."""


@hookimpl
def plugin_info() -> PluginInfo:
    return PluginInfo(
        id="peoples_committee",
        name="People's committee track (UBND)",
        version=VERSION,
        core_versions=">=0.1,<0.2",
        description="Apprenticeship of commune People's Committee Chairs and Vice-Chairs.",
    )


@hookimpl
def register_tracks() -> list[TrackDeclaration]:
    return curriculum.TRACKS


@hookimpl
def register_assessment_schemes() -> list[SchemeDeclaration]:
    return [curriculum.SCHEME]


@hookimpl
def register_question_banks() -> list[QuestionBankDeclaration]:
    return [
        QuestionBankDeclaration(curriculum.TRACK.code, path)
        for path in sorted(QUESTIONS.glob("*.json"))
    ]


@hookimpl
async def load_demo_data(demo: DemoContext) -> None:
    await demo_data.load(demo)
