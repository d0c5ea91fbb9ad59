"""The case store: saved cases and their append-only assessment history (`store`, `schema`,
`migrations`), and the pool ledger computed from them (`ledger`).

May import: the foundation modules, `knowledge`, `rules` and `explain`.
"""
