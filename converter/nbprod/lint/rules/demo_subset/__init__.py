"""Rules of the `demo-subset` category."""

MODULES: tuple = ()
