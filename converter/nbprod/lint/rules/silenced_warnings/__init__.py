"""Rules of the `silenced-warnings` category."""

MODULES: tuple = ()
