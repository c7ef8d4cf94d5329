"""The Qt desktop. Views see service dataclasses only and run every query via ``tasks``."""
