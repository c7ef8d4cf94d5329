"""The background check's sandbox: a seeded list of findings, deterministic, no network.

This list is the one place the sandbox's data lives: the in-process gateway below
answers from it, the API's sandbox route (``api_stub/routers/sandbox_background.py``)
answers over HTTP from it (through this gateway), and the demo gives a few applicants
these ID numbers so the desk shows hits.

- a number in ``RECORDS`` is a ``hit`` with the finding;
- 钱多多 / 320583197802153450 never answers (``not_answered``: what a timeout looks like);
- any other number has nothing on record (``clear``).
"""

from __future__ import annotations

from dataclasses import dataclass

from jiazheng_desk.services.background import CLEAR, HIT, NOT_ANSWERED, BackgroundResult
from jiazheng_desk.services.idcard import normalise


@dataclass(frozen=True)
class SeededRecord:
    id_number: str
    name: str
    finding: str


# every number passes the GB 11643 check; birth dates and sexes are what they say
RECORDS: tuple[SeededRecord, ...] = (
    SeededRecord(
        "320102197903140827", "周玉梅", "2019 年因盗窃雇主财物被南京市公安局行政拘留 10 日"
    ),
    SeededRecord("340104198308021146", "吴春燕", "2021 年伪造健康证被合肥市市场监管局处罚"),
    SeededRecord("410105197511230250", "郑建国", "2018 年因诈骗罪被判处有期徒刑一年（已刑满）"),
    SeededRecord("510107198801091464", "冯晓丽", "2022 年与前雇主劳动争议，法院判决赔偿违约金"),
)
SILENT = {"320583197802153450": "钱多多"}
_BY_NUMBER = {r.id_number: r for r in RECORDS}


class SandboxBackgroundGateway:
    """Answers from the seeded list above."""

    def check(self, name: str, id_number: str) -> BackgroundResult:
        number = normalise(id_number)
        if number in SILENT:
            return BackgroundResult(NOT_ANSWERED)
        record = _BY_NUMBER.get(number)
        if record is None:
            return BackgroundResult(CLEAR)
        return BackgroundResult(HIT, f"{record.name}：{record.finding}")
