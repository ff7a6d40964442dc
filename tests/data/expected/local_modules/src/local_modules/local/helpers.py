"""Helpers beside the notebook (the local_modules fixture)."""

from local_modules.local.tools import scale


def numbers():
    return [1, 2, 3]


def total(values):
    return scale.double(sum(values)) / 2
