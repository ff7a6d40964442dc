"""Rules of the `local-artifact` category."""

MODULES: tuple = ()
