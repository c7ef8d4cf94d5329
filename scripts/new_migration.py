"""Autogenerate a new Alembic revision from the models: ``python -m scripts.new_migration MSG``.

Review what it wrote: autogenerate does not see renames and may need server defaults for
new NOT NULL columns on tables that already hold rows.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from jiazheng_desk.db import make_engine
from jiazheng_desk.schema import alembic_config, upgrade


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m scripts.new_migration 'what changed'", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'head.sqlite3'}")
        upgrade(engine)
        command.revision(alembic_config(engine), message=" ".join(argv), autogenerate=True)
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
