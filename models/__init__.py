"""The shipped cleanfeed model: ``cleanfeed-model.joblib`` and its ``model-card.json``."""
