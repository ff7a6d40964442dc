"""Rules of the `shell-install` category."""

MODULES: tuple = ()
