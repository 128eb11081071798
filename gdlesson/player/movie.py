"""Frames of any matplotlib animation as images: one movie writer, used through
matplotlib's public ``Animation.save``.

The writer (:class:`FrameGrabber`) keeps each frame as an RGB image instead of writing a
video file. When the animation names the artists it changes, the figure is drawn once
without them and each frame redraws only them over that background (the idea of
``FuncAnimation(blit=True)``); otherwise each frame is drawn in full.
"""

import contextlib

from matplotlib.animation import AbstractMovieWriter
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

DENSITY = 2      # image pixels per CSS pixel: frames stay sharp on phones
CSS_DPI = 100    # a frame is shown at 100 CSS px per inch of figure


class FrameCanvas(FigureCanvasAgg):
    """An Agg canvas that draws only when asked to draw.

    ``Animation.save`` asks the canvas for an idle redraw after every frame, which on Agg
    is a full draw; :class:`FrameGrabber` draws each frame itself, so that request has
    nothing to do here.
    """

    def draw_idle(self, *args, **kwargs):
        """Do nothing: the writer draws every frame it grabs."""


class FrameGrabber(AbstractMovieWriter):
    """A movie writer that keeps each frame as an RGB image.

    Use it through ``anim.save("frames", writer=FrameGrabber())``; the images are then in
    ``writer.images``.

    Parameters
    ----------
    dynamic : sequence of Artist, default=()
        The artists the animation changes; empty means draw every frame in full.
    """

    def __init__(self, dynamic=()):
        super().__init__()
        self.dynamic, self.images = list(dynamic), []
        self.canvas, self.background = None, None

    def setup(self, fig, outfile, dpi=None):
        super().setup(fig, outfile, dpi)
        self.figure_dpi = fig.dpi
        fig.set_dpi(self.dpi)
        self.canvas = FrameCanvas(fig)

    @contextlib.contextmanager
    def saving(self, fig, outfile, dpi, *args, **kwargs):
        with super().saving(fig, outfile, dpi, *args, **kwargs):
            yield self

    def grab_frame(self, **savefig_kwargs):
        if not self.dynamic:
            self.canvas.draw()
        else:
            if self.background is None:
                for artist in self.dynamic:
                    artist.set_visible(False)
                self.canvas.draw()
                self.background = self.canvas.copy_from_bbox(self.fig.bbox)
                for artist in self.dynamic:
                    artist.set_visible(True)
            self.canvas.restore_region(self.background)
            for artist in self.dynamic:
                (artist.axes or self.fig).draw_artist(artist)
        # Pillow drops the alpha channel in C (slicing it off in numpy copies every pixel)
        rgba = self.canvas.buffer_rgba()
        size = (rgba.shape[1], rgba.shape[0])
        self.images.append(Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1).convert("RGB"))

    def finish(self):
        self.fig.set_dpi(self.figure_dpi)


def render_frames(anim, dynamic=()):
    """Every frame of ``anim`` as an RGB image at ``DENSITY`` × ``CSS_DPI`` dpi, and where
    its figure can be cut between two side-by-side panels.

    Parameters
    ----------
    anim : matplotlib.animation.Animation
        The animation; its figure may already be closed.
    dynamic : sequence of Artist, default=()
        The artists the animation changes (see :class:`FrameGrabber`).

    Returns
    -------
    images : list of PIL.Image.Image
        One RGB image per frame.
    split : float or None
        A fraction of the width between two panels that no text of either crosses, or
        None when the figure is not two panels side by side.
    """
    grabber = FrameGrabber(dynamic)
    anim.save("frames", writer=grabber, dpi=DENSITY * CSS_DPI)
    return grabber.images, split_point(grabber.fig, grabber.canvas.get_renderer())


def split_point(fig, renderer):
    """Where a figure of two panels side by side can be cut without cutting their text
    (a fraction of its width), or None when it is not such a figure."""
    if len(fig.axes) != 2:
        return None
    to_figure = fig.transFigure.inverted()
    left, right = sorted((ax.get_tightbbox(renderer).transformed(to_figure) for ax in fig.axes),
                         key=lambda box: box.x0)
    if left.x1 >= right.x0:
        return None
    return round((left.x1 + right.x0) / 2, 4)
