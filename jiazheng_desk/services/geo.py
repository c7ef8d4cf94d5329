"""Places and travel: distances, the travel-time source and the geocoder (gateways).

Services use the ``Protocol``s; the straight-line implementations here need no network.
A real routing service or geocoder plugs in from ``sync/`` with the same interface.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Protocol

EARTH_RADIUS_M = 6_371_000


@dataclass(frozen=True)
class LatLng:
    lat: float
    lng: float


def distance_m(a: LatLng, b: LatLng) -> int:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp = p2 - p1
    dl = math.radians(b.lng - a.lng)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return round(2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, h))))


class TravelTimeSource(Protocol):
    def minutes(self, origin: LatLng, destination: LatLng) -> int:
        """Minutes a worker needs from one address to the next."""
        ...


@dataclass(frozen=True)
class StraightLineTravel:
    """Straight-line distance × road factor / speed, never below the minimum buffer."""

    road_factor: float = 1.4
    speed_kmh: float = 20.0
    min_minutes: int = 15

    def minutes(self, origin: LatLng, destination: LatLng) -> int:
        metres = distance_m(origin, destination) * self.road_factor
        return max(self.min_minutes, math.ceil(metres / (self.speed_kmh * 1000 / 60)))


class Geocoder(Protocol):
    def locate(self, city: str, district: str, address: str, centre: LatLng) -> LatLng:
        """Coordinates of an address in a district."""
        ...


class SandboxGeocoder:
    """The district centre plus a deterministic offset (up to ~2 km) from the address text."""

    max_offset_deg = 0.018

    def locate(self, city: str, district: str, address: str, centre: LatLng) -> LatLng:
        digest = hashlib.sha256(f"{city}|{district}|{address}".encode()).digest()
        dx = (int.from_bytes(digest[:4], "big") / 0xFFFFFFFF - 0.5) * 2 * self.max_offset_deg
        dy = (int.from_bytes(digest[4:8], "big") / 0xFFFFFFFF - 0.5) * 2 * self.max_offset_deg
        return LatLng(round(centre.lat + dy, 6), round(centre.lng + dx, 6))
