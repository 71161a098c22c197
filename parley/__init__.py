"""Parley: sourced, queryable records of diplomacy and war from news text."""

__version__ = "0.1.0"
