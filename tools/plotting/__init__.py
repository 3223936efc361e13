"""Figures from dsdsi outputs (tools/plot): one module per kind of input."""
