"""The player machinery: an animation as frames with a caption each, for notebooks and sites.

The lesson's own animation (``gd.show_lrpr``) and any matplotlib animation are shown by it;
nothing here knows the lesson. Its modules, by what they own:

- ``core``      the player as data (:class:`Player`: frames, captions, how to play) and its
                HTML; the one reader of a player's JSON (:func:`read_payload`,
                :func:`find_players`). Needs neither matplotlib nor numpy.
- ``movie``     the matplotlib movie writer that renders each frame once
- ``recorder``  matplotlib animations into players: ``PlayerAnimation``, ``as_player``,
                ``use_player``; frames as lossless WebP on one palette
- ``sphinx``    the Sphinx extension and MyST-NB render plugin that put players on a site
                with frames as files (entry point ``gdlesson-player``)
- ``static/``   the player's script and style (``gd-player.js``, ``gd-player.css``)

Importing this package loads only ``core`` (a Sphinx build reads players without PyTorch or
pyplot); ``gd.as_player`` and the other public names are reached through ``gdlesson``.
"""

from .core import MIME_TYPE, MODES, STRIP_FRAMES, Player, find_players, read_payload

__all__ = ["MIME_TYPE", "MODES", "STRIP_FRAMES", "Player", "find_players", "read_payload"]
