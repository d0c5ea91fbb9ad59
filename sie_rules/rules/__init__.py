"""The rules and their engine: the fact vocabulary, the `when` language (`conditions`),
loading and checking rules/ (`rulebook`), the durable-rules facade (`engine`, the only
module that talks to durable-rules) and the plain-Python reference evaluator (`reference`).

May import: the foundation modules and `knowledge` (quotes are checked against the corpus).
"""
