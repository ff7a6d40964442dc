"""Modules the notebook imported from its own folder, copied by nbprod."""
