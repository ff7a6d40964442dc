"""Helpers the local_module notebook imports after sys.path.append("helpers")."""


def normalise_names(names):
    """Strip and title-case a Series of names."""
    return names.str.strip().str.title()
