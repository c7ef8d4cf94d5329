"""Routers, one module per area (``health``; customer, worker and auth to come)."""
