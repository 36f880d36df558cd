"""The audit trail: an append-only, hash-chained record of who did what, when, with the value before and after.

Every event carries ``seq`` (1, 2, 3... without gaps), ``content_hash`` (SHA-256 of what it says about whom:
applicant key, detail, before, after) and ``chain_hash`` (SHA-256 of the previous event's chain hash, its own
seq, time, actor, action, vacancy and content hash). The newest link is also kept apart, in the ``audit_head``
setting, so events removed from the end (or a whole emptied table) leave a visible gap.

Erasure may *redact* an event's content (GDPR): its content hash stays the original one, and the ``erase`` or
``purge`` event that redacted it attests the new content (``after`` holds ``{"redacted": {seq: hash}}``), so
the redaction is itself on the chain. :func:`verify` recomputes everything and names the first broken link:
a changed, inserted, back-dated or removed event, or content changed other than by an erasure. Anyone holding
the database file can still write to it, but no longer unseen.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update as sql_update
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from jpo_tui.store import models as m

GENESIS = "0" * 64
HEAD_SETTING = "audit_head"
ATTESTING_ACTIONS = ("erase", "purge")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def _sha(parts: Iterable[Any]) -> str:
    return hashlib.sha256(json.dumps(list(parts), ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def time_text(at: datetime) -> str:
    """The event time as hashed: naive UTC to the microsecond."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.strftime("%Y-%m-%d %H:%M:%S.%f")


def content_hash(applicant_key: str, detail: str, before: str, after: str) -> str:
    """What an event says about whom (the part an erasure may redact)."""
    return _sha(("content", applicant_key or "", detail or "", before or "", after or ""))


def chain_hash(prev: str, seq: int, at: datetime, actor: str, action: str, vacancy_id: str, content: str) -> str:
    """The link: the previous link, the event's place, time, who and what, and its content hash."""
    return _sha(("link", prev, seq, time_text(at), actor or "", action or "", vacancy_id or "", content))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _parse_head(value: str) -> tuple[int, str, datetime | None]:
    try:
        seq, digest, at = value.split(" ", 2)
        return int(seq), digest, datetime.strptime(at, "%Y-%m-%d %H:%M:%S.%f")
    except ValueError:
        return 0, GENESIS, None


def _head_text(seq: int, digest: str, at: datetime) -> str:
    return f"{seq} {digest} {time_text(at)}"


def _locked_head(session: Session) -> tuple[int, str, datetime | None]:
    """The newest link, locked until the transaction ends (PostgreSQL: concurrent writers take turns here, so
    the chain never forks; SQLite writers already hold the database's write lock)."""
    row = session.exec(select(m.Setting).where(m.Setting.key == HEAD_SETTING)
                       .with_for_update().execution_options(populate_existing=True)).first()
    if row is None:
        return 0, GENESIS, None
    return _parse_head(row.value)


def _set_head(session: Session, seq: int, digest: str, at: datetime) -> None:
    value = _head_text(seq, digest, at)
    done = session.exec(sql_update(m.Setting).where(col(m.Setting.key) == HEAD_SETTING).values(value=value)).rowcount
    if not done:
        session.add(m.Setting(key=HEAD_SETTING, value=value))
        session.flush()


def record(
    session: Session,
    actor: str,
    action: str,
    *,
    vacancy_id: str = "",
    applicant_key: str = "",
    detail: str = "",
    before: Any = None,
    after: Any = None,
    at: datetime | None = None,
) -> m.AuditEvent:
    """Append one chained event in the caller's transaction (so the event and the change commit together)."""
    seq, prev, last_at = _locked_head(session)
    when = at or _now()
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    if last_at is not None and when < last_at:
        when = last_at  # clocks of different machines: the trail's time never goes backwards
    seq += 1
    before_text, after_text = _text(before), _text(after)
    content = content_hash(applicant_key, detail, before_text, after_text)
    link = chain_hash(prev, seq, when, actor, action, vacancy_id, content)
    event = m.AuditEvent(at=when.replace(tzinfo=UTC), actor=actor, action=action, vacancy_id=vacancy_id, applicant_key=applicant_key,
                         detail=detail, before=before_text, after=after_text, seq=seq, prev_hash=prev,
                         content_hash=content, chain_hash=link)
    session.add(event)
    _set_head(session, seq, link, when)
    session.flush()
    return event


def redact(session: Session, event: m.AuditEvent, **values: str) -> tuple[int, str]:
    """Replace some content of one event (erasure); returns (seq, new content hash) for the erasure to attest."""
    session.execute(sql_update(m.AuditEvent).where(col(m.AuditEvent.id) == event.id).values(**values))
    merged = {c: values.get(c, getattr(event, c)) for c in ("applicant_key", "detail", "before", "after")}
    return event.seq or 0, content_hash(**merged)


def seal_existing(connection: Connection) -> int:
    """Chain every event of a database that predates the chain (the migration), in id order."""
    rows = connection.exec_driver_sql(
        'SELECT id, at, actor, action, vacancy_id, applicant_key, detail, "before", "after" FROM auditevent '
        "ORDER BY id").fetchall()
    prev, last_at = GENESIS, None
    for seq, row in enumerate(rows, 1):
        at = row[1] if isinstance(row[1], datetime) else datetime.fromisoformat(str(row[1]))
        if at.tzinfo is not None:
            at = at.astimezone(UTC).replace(tzinfo=None)
        content = content_hash(row[5], row[6], row[7], row[8])
        link = chain_hash(prev, seq, at, row[2], row[3], row[4], content)
        connection.exec_driver_sql(
            "UPDATE auditevent SET seq = %(s)s, prev_hash = %(p)s, content_hash = %(c)s, chain_hash = %(h)s "
            "WHERE id = %(i)s" if connection.dialect.paramstyle == "pyformat" else
            "UPDATE auditevent SET seq = :s, prev_hash = :p, content_hash = :c, chain_hash = :h WHERE id = :i",
            {"s": seq, "p": prev, "c": content, "h": link, "i": row[0]})
        prev, last_at = link, at
    if last_at is not None:
        head = _head_text(len(rows), prev, last_at)
        params = {"k": HEAD_SETTING, "v": head}
        sql = ("INSERT INTO setting (key, value) VALUES (%(k)s, %(v)s)" if connection.dialect.paramstyle ==
               "pyformat" else "INSERT INTO setting (key, value) VALUES (:k, :v)")
        connection.exec_driver_sql(sql, params)
    return len(rows)


@dataclass(frozen=True)
class Verification:
    """What :func:`verify` found: ``problem`` names the first broken link (None: the trail is whole)."""

    events: int
    redacted: int
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _attestations(events: list[m.AuditEvent]) -> dict[int, tuple[int, str]]:
    """seq -> (attesting event's seq, content hash) from the intact erase/purge events (the latest wins)."""
    found: dict[int, tuple[int, str]] = {}
    for ev in events:
        if ev.action not in ATTESTING_ACTIONS or not ev.after.startswith("{"):
            continue
        if content_hash(ev.applicant_key, ev.detail, ev.before, ev.after) != ev.content_hash:
            continue
        try:
            redacted = json.loads(ev.after).get("redacted", {})
        except ValueError:
            continue
        for seq, digest in redacted.items():
            found[int(seq)] = (ev.seq or 0, str(digest))
    return found


def verify(session: Session) -> Verification:
    """Recompute the whole chain; the first broken link is named (event seq and id, and what is wrong)."""
    events = list(session.exec(select(m.AuditEvent).order_by(col(m.AuditEvent.seq), col(m.AuditEvent.id))))
    head_row = session.get(m.Setting, HEAD_SETTING)
    head_seq, head_hash, _ = _parse_head(head_row.value) if head_row else (0, GENESIS, None)
    attested = _attestations(events)
    prev, expected, last_at, redacted = GENESIS, 1, None, 0

    def fail(problem: str) -> Verification:
        return Verification(len(events), redacted, problem)

    unchained = [ev for ev in events if ev.seq is None or not ev.chain_hash]
    if unchained:
        ev = unchained[0]
        return fail(f"event id {ev.id} ({ev.action}, {time_text(ev.at)}) has no link: it was inserted outside "
                    "jpo-tui")
    for ev in events:
        where = f"event {ev.seq} (id {ev.id}, {ev.action})"
        seq = ev.seq
        assert seq is not None  # the unchained were reported above
        if seq != expected:
            if seq < expected:
                return fail(f"{where}: a second event with seq {seq}: an event was inserted")
            return fail(f"{where}: events {expected}..{seq - 1} are missing (deleted or truncated)")
        if ev.prev_hash != prev:
            return fail(f"{where}: its link to event {expected - 1} is broken (an event before it was changed, "
                        "removed or inserted)")
        if last_at is not None and time_text(ev.at) < time_text(last_at):
            return fail(f"{where}: dated {time_text(ev.at)}, before the event preceding it (back-dated)")
        if chain_hash(prev, seq, ev.at, ev.actor, ev.action, ev.vacancy_id, ev.content_hash) != ev.chain_hash:
            return fail(f"{where}: its time, actor, action or vacancy was changed")
        current = content_hash(ev.applicant_key, ev.detail, ev.before, ev.after)
        if current != ev.content_hash:
            attest = attested.get(seq)
            if attest is None or attest[0] <= seq:
                return fail(f"{where}: its content was changed, not by an erasure")
            if attest[1] != current:
                return fail(f"{where}: its content was changed after its redaction by erasure event {attest[0]}")
            redacted += 1
        prev, expected, last_at = ev.chain_hash, expected + 1, ev.at
    if head_seq != expected - 1 or head_hash != prev:
        if head_seq > expected - 1:
            return fail(f"the trail ends at event {expected - 1} but the database recorded event {head_seq} as its "
                        f"newest: events {expected}..{head_seq} are missing (deleted or truncated)")
        return fail(f"the trail's newest link (event {expected - 1}) is not the one the database recorded "
                    f"(event {head_seq}): the trail was rewritten")
    return Verification(len(events), redacted, None)


def events(session: Session, vacancy_id: str | None = None, *, limit: int = 1000) -> list[m.AuditEvent]:
    """The newest events first."""
    query = select(m.AuditEvent).order_by(col(m.AuditEvent.id).desc()).limit(limit)
    if vacancy_id is not None:
        query = query.where(m.AuditEvent.vacancy_id == vacancy_id)
    return list(session.exec(query))
