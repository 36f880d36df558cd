"""Level words the first vocabulary missed: passive knowledge, moyen, fair (basic); niveau correct (working)."""

from __future__ import annotations

import pytest

from jpo_tui.ingest.languages import stated_level


@pytest.mark.parametrize(("text", "level"), [
    ("passive knowledge", "basic"), ("connaissance passive", "basic"), ("moyen", "basic"), ("Fair", "basic"),
    ("niveau correct", "working"), ("Good", "working"), ("full professional proficiency", "fluent"),
])
def test_stated_level(text: str, level: str) -> None:
    assert stated_level(text) == level
