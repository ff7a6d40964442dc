"""Rules of the `silenced-warnings` category."""

from . import silenced_library_warnings, warnings_filter_ignore

MODULES = (warnings_filter_ignore, silenced_library_warnings)
