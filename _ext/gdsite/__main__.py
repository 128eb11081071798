"""``python -m gdsite`` (``make notebooks``): write the committed notebooks ``book/*.ipynb``
that differ from their pages."""

from .common import ROOT
from .notebooks import write_repo_notebooks

for path in write_repo_notebooks():
    print("wrote", path.relative_to(ROOT))
