"""Rules of the `hardcoded-path` category: code that only runs in one place on one
machine (absolute and home-directory paths, working-directory and import-path changes).
"""

from . import (
    hardcoded_absolute_path,
    sys_path_modification,
    user_specific_path,
    working_directory_change,
)

MODULES = (
    hardcoded_absolute_path,
    user_specific_path,
    working_directory_change,
    sys_path_modification,
)
