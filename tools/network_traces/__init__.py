"""Modules of tools/import-network-trace."""
