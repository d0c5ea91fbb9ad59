"""The knowledge base: the source documents in knowledge/, their verbatim chunks, BM25 search
and citations (`search`), the corpus as read from the manifest (`corpus`), and the real
example cases in knowledge/cases (`examples`).

May import: the foundation modules (errors, paths, model, proposal_files) only.
"""
