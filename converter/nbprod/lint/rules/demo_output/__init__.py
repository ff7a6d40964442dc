"""Rules of the `demo-output` category."""

MODULES: tuple = ()
