"""Rules of the `hardcoded-path` category."""

MODULES: tuple = ()
