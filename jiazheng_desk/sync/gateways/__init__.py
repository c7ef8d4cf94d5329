"""Gateways to the outside world, each with a sandbox for the demo and the tests.

A service declares what it needs as a ``Protocol``; the classes here implement it. The
API picks one by configuration (``api_stub/auth_deps.py``), so a real provider plugs in
without a code change.
"""
