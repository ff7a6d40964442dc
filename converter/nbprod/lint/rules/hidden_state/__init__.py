"""Rules of the `hidden-state` category: names whose value a top-to-bottom run would not
have (defined below, never defined, deleted, or overwritten by a later cell)."""

from . import (
    deleted_name_used,
    name_defined_in_later_cell,
    stale_value_from_out_of_order_run,
    undefined_name,
)

MODULES = (
    name_defined_in_later_cell,
    undefined_name,
    deleted_name_used,
    stale_value_from_out_of_order_run,
)
