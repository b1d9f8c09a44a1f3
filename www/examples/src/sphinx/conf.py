# Fixture project: a one-page Sphinx site (default alabaster theme) with archdiag code blocks. Built by
# scripts/examples/mkdocs-sphinx.sh into www/examples/sphinx/; the page loads the auto-render from www/.
project = "archdiag fixture (Sphinx)"
copyright = "2026, the archdiag authors"
author = "the archdiag authors"
extensions = []
html_theme = "alabaster"
html_static_path = []
html_copy_source = False
html_show_sourcelink = False
html_js_files = [("/archdiag-docs.js", {"type": "module"})]
# archdiag is no Pygments lexer: highlighting it would warn; "none" keeps the block as plain text.
suppress_warnings = ["misc.highlighting_failure"]
