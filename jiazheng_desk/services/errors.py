"""Errors a person can cause, with messages fit to show (Chinese or English).

Anything that is not a ``DomainError`` is a bug: the faces log it and show a generic
"unexpected error" message instead of a traceback.
"""

from __future__ import annotations

from typing import Any

from jiazheng_desk.i18n import Msg, t


class DomainError(Exception):
    """A refusal of the business rules; ``str()`` gives the message in the current language."""

    key = "error.conflict"
    # the unit of work commits what was written before the refusal (a counted wrong password)
    commit_before_raise = False
    # the API maps the class to this status
    http_status = 409

    def __init__(self, key: str | None = None, /, *, field: str | None = None, **params: Any):
        self.key = key or type(self).key
        self.field = field
        self.params = params
        super().__init__(self.key)

    @property
    def code(self) -> str:
        return self.key

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message()


class NotFound(DomainError):
    key = "error.not_found"
    http_status = 404

    def __init__(self, entity: str, entity_id: object) -> None:
        super().__init__(entity=Msg(f"entity.{entity}"), id=entity_id)


class PermissionDenied(DomainError):
    key = "error.permission"
    http_status = 403


class ValidationError(DomainError):
    """Bad input; ``field`` names the argument so a form can show the message beside it."""

    http_status = 422


class IllegalTransition(DomainError):
    key = "error.illegal_transition"


class Conflict(DomainError):
    key = "error.conflict"


class AuthenticationError(DomainError):
    """A refused login; what was counted (wrong tries, lockout) is committed all the same."""

    commit_before_raise = True
    http_status = 401
