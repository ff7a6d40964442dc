"""Import name -> distribution: the quick lookup gives what a scan of every installed
distribution gives (``importlib.metadata.packages_distributions``), for the modules
installed here and for modules that are not."""

from __future__ import annotations

import sys

import pytest
from nbprod.export import dependencies

#: Installed in nbprod's environment: named like their distribution (yaml and dateutil
#: go through KNOWN_DISTRIBUTIONS), named otherwise (zmq -> pyzmq, attr -> attrs,
#: mpl_toolkits -> matplotlib when installed), and not installed at all.
MODULES = [
    "jinja2",
    "yaml",
    "black",
    "merge3",
    "tornado.web",
    "zmq",
    "attr",
    "mpl_toolkits.mplot3d",
    "dateutil.parser",
    "surely_not_installed_pkg",
    "os.path",
    "IPython.display",
]


@pytest.mark.parametrize("module", MODULES)
def test_quick_lookup_agrees_with_a_full_scan(module: str) -> None:
    top = module.split(".")[0]
    if top in sys.stdlib_module_names or top in dependencies.IGNORED:
        expected = None
    elif top in dependencies.KNOWN_DISTRIBUTIONS:
        expected = dependencies.KNOWN_DISTRIBUTIONS[top]
    else:
        found = dependencies._packages_distributions().get(top)  # the full scan, cached
        expected = sorted(found)[0] if found else top
    assert dependencies.distribution_for(module) == expected


def test_a_distribution_named_like_a_module_it_does_not_install_is_not_taken() -> None:
    # "pyyaml" installs the module "yaml", not "pyyaml".
    assert dependencies._distribution_named("pyyaml") is None
    assert dependencies._distribution_named("jinja2") in ("Jinja2", "jinja2")
