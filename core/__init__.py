"""hocviec core: the generic apprenticeship-training model, services, plugin manager and app."""

__version__ = "0.1.0"
