"""Rules of the `execution-order` category: saved state that a fresh run would not give."""

from . import (
    non_monotonic_execution_count,
    notebook_needs_repair,
    saved_error_output,
    unexecuted_cell,
    unparsable_cell,
)

MODULES = (
    non_monotonic_execution_count,
    unexecuted_cell,
    saved_error_output,
    notebook_needs_repair,
    unparsable_cell,
)
