"""The HTTP API of the customer and worker mobile apps (``jiazheng-api``).

A thin face over ``jiazheng_desk.services``: routes validate input with pydantic schemas,
open one unit of work per request (``deps.SessionDep``), call one service function and
map a refused rule (``DomainError``) to a JSON error body (``errors``).
"""
