"""The stylesheet the plugin adds to a site: which of a diagram's light and dark renders shows, and sizing.

Guarantees: pure CSS, no script, so it works under `style-src 'self'` and without JavaScript; the site's
own colour scheme wins over the reader's system preference (mkdocs-material's `data-md-color-scheme`
on <body>, the built-in mkdocs theme's `data-bs-theme` light or dark), the system preference decides where the
site says nothing; exactly one render of each figure is displayed (the other is `display: none`, so
it is out of the accessibility tree too); the output depends only on the dark scheme names.
"""

from __future__ import annotations

import re

SCHEME_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def stylesheet(dark_schemes: list[str]) -> str:
    """The CSS text, with `dark_schemes` as mkdocs-material's dark palettes (names checked by SCHEME_NAME)."""
    for name in dark_schemes:
        if not SCHEME_NAME.match(name):
            raise ValueError(f"a colour scheme name is letters, digits, - and _ (at most 64): {name!r}")
    light = "figure.archdiag > .archdiag-light"
    dark = "figure.archdiag > .archdiag-dark"
    # Any material scheme not named dark is light; the mkdocs theme's "auto" leaves it to the system.
    site = ["[data-md-color-scheme]", '[data-bs-theme="light"]']
    site_dark = [f'[data-md-color-scheme="{n}"]' for n in dark_schemes] + ['[data-bs-theme="dark"]']

    def under(scopes: list[str], target: str) -> str:
        return ",\n".join(f"{s} {target}" for s in scopes)

    return f"""/* mkdocs-archdiag: diagrams drawn at build time, in light and dark; this shows the one that
   matches the site's colour scheme, else the reader's system preference. */
/* Layout defaults at zero specificity, so a theme's own figure style (material centres them) wins. */
:where(figure.archdiag) {{ display: block; max-width: 100%; margin: 1em 0; }}
:where(figure.archdiag) svg {{ display: block; max-width: 100%; height: auto; }}
{dark} {{ display: none; }}
@media (prefers-color-scheme: dark) {{
  {light} {{ display: none; }}
  {dark} {{ display: block; }}
}}
{under(site, light)} {{ display: block; }}
{under(site, dark)} {{ display: none; }}
{under(site_dark, light)} {{ display: none; }}
{under(site_dark, dark)} {{ display: block; }}
.archdiag-error {{ color: #b3261e; font-weight: 600; white-space: pre-wrap; overflow-wrap: anywhere; }}
@media (prefers-color-scheme: dark) {{ .archdiag-error {{ color: #f2b8b5; }} }}
{under(site, ".archdiag-error")} {{ color: #b3261e; }}
{under(site_dark, ".archdiag-error")} {{ color: #f2b8b5; }}
"""
