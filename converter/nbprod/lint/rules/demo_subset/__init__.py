"""Rules of the `demo-subset` category."""

from . import nrows_read_limit, subsampled_training_data

MODULES = (subsampled_training_data, nrows_read_limit)
