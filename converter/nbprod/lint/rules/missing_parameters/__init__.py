"""Rules of the `missing-parameters` category."""

MODULES: tuple = ()
