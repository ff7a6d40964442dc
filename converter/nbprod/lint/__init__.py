"""The demo-only linter: rules, suppressions, configuration and renderers."""
