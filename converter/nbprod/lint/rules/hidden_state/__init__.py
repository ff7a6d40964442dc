"""Rules of the `hidden-state` category."""

MODULES: tuple = ()
