"""Rules of the `demo-output` category."""

from . import bare_data_preview, display_call, plot_show, print_large_object

MODULES = (display_call, plot_show, bare_data_preview, print_large_object)
