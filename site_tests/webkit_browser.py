#!/usr/bin/python3
"""The WebKit browser of the site checks: a bare GTK window holding a WebKit view, which
WebKitWebDriver starts and drives (``webkitgtk:browserOptions``' binary, see engines.py).

Debian's MiniBrowser would do, but its toolbar keeps its window at least 447 px wide, and the
checks read pages at 390 px. The view runs ``--user-script=FILE`` at the start of every
document (the page's errors from its first byte: WebKitWebDriver has no log API). Run by
Debian's own Python, which has PyGObject (``python3-gi``, ``gir1.2-webkit2-4.1``).
"""

import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gtk, WebKit2  # noqa: E402

NAME = "gdlesson-site-check"     # the browserName the driver asks for (engines.py)


def main(args):
    width, height, script = 390, 844, None
    for arg in args:
        if arg.startswith("--size="):
            width, height = map(int, arg.removeprefix("--size=").split("x"))
        elif arg.startswith("--user-script="):
            with open(arg.removeprefix("--user-script="), encoding="utf-8") as f:
                script = f.read()
    context = WebKit2.WebContext.get_default()
    context.set_automation_allowed(True)
    windows = []

    def new_view(session):
        content = WebKit2.UserContentManager()
        if script:
            content.add_script(WebKit2.UserScript(
                script, WebKit2.UserContentInjectedFrames.TOP_FRAME,
                WebKit2.UserScriptInjectionTime.START, None, None))
        view = WebKit2.WebView(web_context=context, user_content_manager=content,
                               is_controlled_by_automation=True)
        window = Gtk.Window()
        window.set_default_size(width, height)
        window.add(view)
        window.connect("destroy", lambda w: windows.remove(w) or (windows or Gtk.main_quit()))
        window.show_all()
        windows.append(window)
        return view

    def started(context, session):
        info = WebKit2.ApplicationInfo()
        info.set_name(NAME)
        info.set_version(WebKit2.get_major_version(), WebKit2.get_minor_version(),
                         WebKit2.get_micro_version())     # the driver's browserVersion
        session.set_application_info(info)
        session.connect("create-web-view", new_view)

    context.connect("automation-started", started)
    Gtk.main()


if __name__ == "__main__":
    main(sys.argv[1:])
