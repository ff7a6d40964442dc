"""Rules of the `network-fetch` category: data pulled from the network at run time."""

from . import shell_download, unpinned_hub_download, unpinned_remote_data

MODULES = (unpinned_remote_data, shell_download, unpinned_hub_download)
