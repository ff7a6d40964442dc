"""Rules of the `data-leakage` category."""

from . import (
    evaluation_on_training_data,
    model_selected_on_test_data,
    preprocessing_fit_before_split,
    rows_repeated_before_split,
    supervised_step_fit_before_split,
    test_data_in_training,
)

MODULES = (
    preprocessing_fit_before_split,
    supervised_step_fit_before_split,
    evaluation_on_training_data,
    test_data_in_training,
    rows_repeated_before_split,
    model_selected_on_test_data,
)
