"""Rules of the `unseeded-randomness` category."""

from . import (
    unseeded_data_split,
    unseeded_estimator,
    unseeded_numpy_random,
    unseeded_pandas_sample,
    unseeded_stdlib_random,
)

MODULES = (
    unseeded_numpy_random,
    unseeded_stdlib_random,
    unseeded_estimator,
    unseeded_data_split,
    unseeded_pandas_sample,
)
