"""Gap-free numbers (invoice numbers per branch and year) from ``number_sequence`` rows.

A number is taken inside the transaction that uses it: the counter row is locked, read,
incremented and the number written in the same unit of work. Two desks issuing at once
queue on the row lock, so neither can read the value the other is about to use; a unit
of work that rolls back (a refusal after the number was taken) rolls the counter back
too, so no number is lost. This is why a database AUTO_INCREMENT will not do: it never
gives a number back.

The row for a new year or branch is created on first use, race-safely: on MySQL with
``INSERT … ON DUPLICATE KEY UPDATE`` as a no-op, which *waits for and takes the row's
exclusive lock* when a concurrent transaction created it first (a plain ``INSERT IGNORE``
takes a shared lock there, and two shared holders that both ask for the exclusive lock
deadlock); on SQLite the write transaction is already exclusive and ``INSERT OR IGNORE``
suffices. The ``SELECT … FOR UPDATE`` that follows then holds the lock until commit.
"""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.dialects.mysql import insert as mysql_insert

from jiazheng_desk.models import NumberSequence
from jiazheng_desk.models.base import table_of

SEQUENCES = table_of(NumberSequence)


def _ensure_row(conn: Connection, name: str, branch_id: int, year: int) -> None:
    values = {"name": name, "branch_id": branch_id, "year": year, "last_value": 0}
    if conn.dialect.name == "mysql":
        stmt = mysql_insert(SEQUENCES).values(values)
        conn.execute(stmt.on_duplicate_key_update(last_value=SEQUENCES.c.last_value))
    else:
        conn.execute(insert(SEQUENCES).prefix_with("OR IGNORE").values(values))


def take_next(conn: Connection, *, name: str, branch_id: int, year: int) -> int:
    """The next number of a sequence, taken under the row's lock (see the module doc)."""
    key = (
        SEQUENCES.c.name == name,
        SEQUENCES.c.branch_id == branch_id,
        SEQUENCES.c.year == year,
    )
    row = conn.execute(
        select(SEQUENCES.c.id, SEQUENCES.c.last_value).where(*key).with_for_update()
    ).first()
    if row is None:
        _ensure_row(conn, name, branch_id, year)
        row = conn.execute(
            select(SEQUENCES.c.id, SEQUENCES.c.last_value).where(*key).with_for_update()
        ).one()
    value = int(row.last_value) + 1
    conn.execute(update(SEQUENCES).where(SEQUENCES.c.id == row.id).values(last_value=value))
    return value
