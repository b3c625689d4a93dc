"""Imported once by the fork server of the rendering workers (Linux, see ``files._worker_context``):
everything a worker needs is loaded and prepared there, before the workers are forked from it."""

from desktop.core.closing.files import preload_worker

preload_worker()
