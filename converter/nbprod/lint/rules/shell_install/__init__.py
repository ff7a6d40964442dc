"""Rules of the `shell-install` category."""

from . import (
    conda_install,
    environment_setup_in_notebook,
    pip_install_in_notebook,
    system_package_install,
)

MODULES = (
    pip_install_in_notebook,
    conda_install,
    system_package_install,
    environment_setup_in_notebook,
)
