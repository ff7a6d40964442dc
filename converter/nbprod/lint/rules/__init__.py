"""Rule modules, one package per category of the fixed vocabulary."""
