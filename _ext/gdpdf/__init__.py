"""The lecture as one PDF.

``python -m gdpdf`` prints it from the built site into ``_build/pdf/`` and beside the site's
pages (``make.py``); as a Sphinx extension (``gdpdf`` in ``_config.yml``) it puts a link to
it into every page's download menu.
"""

PDF_NAME = "gdlesson-03wk-2.pdf"   # at the root of the built site, where make.py copies it
BUTTON = {"type": "link", "text": "강의 전체 .pdf", "icon": "fas fa-file-pdf",
          "tooltip": "강의 전체를 PDF 한 파일로 내려받기", "label": "download-lecture-pdf-button"}


def add_pdf_button(app, pagename, templatename, context, doctree):
    """Append the PDF to the theme's download menu (sphinx-book-theme's ``header_buttons``
    group ``download-buttons``); a page without one (search, index) gets a menu of its own."""
    buttons = context.get("header_buttons")
    if buttons is None:
        return
    button = {**BUTTON, "url": context["pathto"](PDF_NAME, 1)}
    group = next((b for b in buttons if b.get("label") == "download-buttons"), None)
    if group is None:
        buttons.insert(0, {"type": "group", "tooltip": "내려받기", "icon": "fas fa-download",
                           "buttons": [button], "label": "download-buttons"})
    else:
        group["buttons"].append(button)


def setup(app):
    """Register the download link (after sphinx-book-theme's own buttons, priority 501)."""
    app.connect("html-page-context", add_pdf_button, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
