"""Rules of the `data-leakage` category."""

MODULES: tuple = ()
