"""Rules of the `local-artifact` category."""

from . import (
    dataframe_written_to_local_file,
    joblib_dump_to_local_file,
    model_saved_to_local_file,
    pickle_to_local_file,
)

MODULES = (
    pickle_to_local_file,
    joblib_dump_to_local_file,
    dataframe_written_to_local_file,
    model_saved_to_local_file,
)
