"""Who is acting: passed to every mutation and written to the audit log."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """A staff member at a desk, a customer or worker in an app, or the system itself."""

    kind: str
    id: int | None
    name: str
    role: str | None = None
    branch_id: int | None = None
    # desk | api | job | cli
    source: str = "desk"

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"

    @property
    def is_hq(self) -> bool:
        return self.kind == "system" or self.role == "hq_admin"

    @classmethod
    def system(cls, source: str = "job", name: str = "system") -> Actor:
        return cls(kind="system", id=None, name=name, source=source)
