"""Demo data: ``generate`` fills an empty database with a franchise in 上海."""

from jiazheng_desk.demo.generate import DemoError, DemoLogin, DemoResult, generate

__all__ = ["DemoError", "DemoLogin", "DemoResult", "generate"]
