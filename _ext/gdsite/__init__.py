"""The site's own Sphinx extension: what Jupyter Book 1, MyST-NB and the theme do not do
for this course. One extension, set up in one place; its parts share helpers through
``common.py``.

- ``notebooks``      the setup cell of every notebook page, the download notebooks, the
                     committed notebooks (``make notebooks``)
- ``wheel``          the gdlesson wheel the pages install, pinned by its hash
- ``execution``      the pages' notebooks run side by side before they are read
- ``mathml``         math typeset at build time into native MathML
- ``korean_search``  a search language for Korean
- ``korean_font``    the Korean web font, cut to the site's Hangul
- ``images``         images that keep their place and have alternative text
- ``assets``         each page loads what it uses, scripts deferred
- ``css_bundle``     all stylesheets as one file, without the rules no page uses
- ``explorer``       the data of the in-browser α explorer

The players of notebook outputs are rendered by ``gdlesson.player.sphinx``, gdlesson's own
extension.
"""

from . import (assets, css_bundle, execution, explorer, images, korean_font,
               korean_search, mathml, notebooks, wheel)


def setup(app):
    for part in (wheel, notebooks, execution, mathml, korean_search, korean_font, images,
                 assets, css_bundle, explorer):
        part.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
