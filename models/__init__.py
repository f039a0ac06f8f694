"""The shipped cleanfeed model: ``cleanfeed-model.pkl.gz`` and its ``model-card.json``."""
