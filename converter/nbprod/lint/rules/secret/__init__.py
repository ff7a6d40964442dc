"""Rules of the `secret` category."""

MODULES: tuple = ()
