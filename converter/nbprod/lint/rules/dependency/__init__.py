"""Rules of the `dependency` category."""

MODULES: tuple = ()
