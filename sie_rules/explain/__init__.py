"""From a proposal to an explained, cited assessment, and its views: `facts` (proposal ->
engine facts, `municipal_facts` for a municipality's form of governance), `assess` (firings ->
Assessment, gathered by `collect`), `worker` (evaluation in a supervised
process), `wording`, `report` (memo), `flow` (diagram), `quiz`, `variants`, `sweep`.

May import: the foundation modules, `knowledge` and `rules`.
"""
