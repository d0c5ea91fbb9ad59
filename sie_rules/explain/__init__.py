"""From a proposal to an explained, cited assessment, and its views: `facts` (proposal ->
engine facts), `assess` (firings -> Assessment), `worker` (evaluation in a supervised
process), `wording`, `report` (memo), `flow` (diagram), `quiz`, `variants`, `sweep`.

May import: the foundation modules, `knowledge` and `rules`.
"""
