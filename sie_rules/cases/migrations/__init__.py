"""Alembic migrations of the case store (run automatically when a store is opened)."""
