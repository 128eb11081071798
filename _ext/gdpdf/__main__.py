"""``python -m gdpdf``: the lecture as one PDF (see ``gdpdf.make``)."""
from gdpdf.make import main

main()
