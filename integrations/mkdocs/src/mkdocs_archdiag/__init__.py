"""mkdocs-archdiag: the `archdiag` MkDocs plugin, which draws ```archdiag fenced blocks as SVG at build time.

Guarantees: importing it loads nothing heavy (the WASI module is compiled on the first diagram of a build).
"""

__version__ = "0.1.0"
