"""Renderers: one module per kind of output, each choosing a format by name from a dict."""
