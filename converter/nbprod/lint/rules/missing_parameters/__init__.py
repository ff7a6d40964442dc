"""Rules of the `missing-parameters` category: no `parameters` cell, and literals (paths,
hyperparameters, thresholds) that a run should be able to change."""

from . import (
    hardcoded_data_path,
    hardcoded_hyperparameter,
    missing_parameters_cell,
)

MODULES = (
    missing_parameters_cell,
    hardcoded_hyperparameter,
    hardcoded_data_path,
)
