"""Rules of the `interactive` category: code that waits for a person."""

from . import debugger_call, getpass_call, input_call, interactive_widget, sleep_call

MODULES = (input_call, getpass_call, debugger_call, sleep_call, interactive_widget)
