"""The use cases: every rule of the business, shared by the desk, the API and the jobs.

A service function takes a ``Session`` and keyword arguments (an ``Actor`` for every
mutation), enforces the rules, writes the audit row, and returns frozen dataclasses or
raises a ``DomainError``. Services never commit: the face owns the unit of work.
"""
