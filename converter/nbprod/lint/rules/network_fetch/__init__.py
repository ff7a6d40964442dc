"""Rules of the `network-fetch` category."""

MODULES: tuple = ()
