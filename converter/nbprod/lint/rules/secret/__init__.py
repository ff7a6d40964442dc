"""Rules of the `secret` category: credentials in sources, outputs and metadata.

The detection engine they share (and the exporter can use) is :mod:`._detect`.
"""

from . import credentialed_url, hardcoded_secret, secret_in_metadata, secret_in_output

MODULES = (hardcoded_secret, secret_in_output, secret_in_metadata, credentialed_url)
