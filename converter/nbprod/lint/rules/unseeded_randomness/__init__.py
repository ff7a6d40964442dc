"""Rules of the `unseeded-randomness` category."""

MODULES: tuple = ()
