"""Alembic environment and versions: one chain for MySQL and SQLite (see ``schema.py``)."""
