"""Pydantic schemas of request and response bodies, one module per area."""
