"""Rules of the `interactive` category."""

MODULES: tuple = ()
