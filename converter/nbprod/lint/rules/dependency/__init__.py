"""Rules of the `dependency` category."""

from . import (
    import_not_at_top,
    no_dependency_declaration,
    star_import,
    undeclared_dependency,
    unpinned_install,
)

MODULES = (
    star_import,
    import_not_at_top,
    undeclared_dependency,
    no_dependency_declaration,
    unpinned_install,
)
