"""Sciatica Coach: self-care for sciatica, built on one article's techniques and safety rule."""

__version__ = "0.1.0"
