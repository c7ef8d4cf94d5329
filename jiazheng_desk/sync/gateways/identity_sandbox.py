"""The identity check's sandbox: a few seeded people, deterministic answers, no network.

- the seeded pairs below pass;
- a seeded number with another name is a ``mismatch``;
- 钱多多 / 320583197802153450 never answers (``no_answer``: what a timeout looks like);
- a number that fails the GB 11643 check is ``bad_checksum``; any other is ``no_record``.
"""

from __future__ import annotations

from jiazheng_desk.services.idcard import is_valid_id_number, normalise
from jiazheng_desk.services.identity import NO_ANSWER, IdentityResult

# number -> the name the authority holds (every number passes the GB 11643 check)
PEOPLE = {
    "11010519491231002X": "张伟",
    "310115199003071239": "李娜",
    "310104198506122348": "王芳",
    "440304199211084561": "陈静",
}
SILENT = {"320583197802153450": "钱多多"}


class SandboxIdentityGateway:
    """Answers from the seeded list above."""

    def verify(self, name: str, id_number: str, selfie_path: str | None = None) -> IdentityResult:
        number = normalise(id_number)
        if number in SILENT:
            return IdentityResult(passed=False, reason=NO_ANSWER)
        if not is_valid_id_number(number):
            return IdentityResult(passed=False, reason="bad_checksum")
        holder = PEOPLE.get(number)
        if holder is None:
            return IdentityResult(passed=False, reason="no_record")
        if holder != name.strip():
            return IdentityResult(passed=False, reason="mismatch")
        return IdentityResult(passed=True)
