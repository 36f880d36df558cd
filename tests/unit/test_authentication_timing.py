"""Authentication runs the same scrypt for an unknown name, a member without a passphrase and a wrong
passphrase, so response time does not reveal who sits on a committee."""

from __future__ import annotations

import hashlib

import pytest

from jpo_tui.committee import members as committee
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import PASS, VACANCY, make_committee, make_vacancy


def test_unknown_names_cost_one_scrypt_like_members(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_vacancy(db_url, {"K01": "One"})
    make_committee(engine, ("ana",))
    calls: list[int] = []
    real = hashlib.scrypt

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(kwargs["n"])
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    with session_scope(engine) as session:
        for name, secret in (("ana", "wrong-passphrase"), ("nobody-here", "whatever-secret")):
            with pytest.raises(committee.AuthenticationError):
                committee.authenticate(session, VACANCY, name, secret)
        assert committee.authenticate(session, VACANCY, "ana", PASS["ana"]).name == "ana"
    assert calls == [committee.SCRYPT_N] * 3
