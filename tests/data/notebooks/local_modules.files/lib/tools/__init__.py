"""A package in a folder the notebook adds to sys.path."""
