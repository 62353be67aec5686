"""Several figures on one SVG page, each with its caption under it."""

from collections.abc import Sequence
from xml.sax.saxutils import escape

from sciatica_coach.figures.render import HEIGHT, WIDTH

CAPTION = 22


def sheet_svg(figures: Sequence[tuple[str, str] | None], columns: int = 4) -> str:
    """`figures` are (caption, svg) pairs, laid out in a grid; None leaves a cell empty."""
    rows = (len(figures) + columns - 1) // columns
    cell_h = HEIGHT + CAPTION
    width, height = columns * WIDTH, rows * cell_h
    parts = []
    for n, cell in enumerate(figures):
        if cell is None:
            continue
        caption, svg = cell
        x, y = (n % columns) * WIDTH, (n // columns) * cell_h
        inner = svg.replace(
            "<svg ", f'<svg x="{x:.0f}" y="{y:.0f}" width="{WIDTH:.0f}" height="{HEIGHT:.0f}" ', 1
        )
        parts.append(inner)
        parts.append(
            f'<text x="{x + WIDTH / 2:.0f}" y="{y + HEIGHT + 15:.0f}" '
            f'text-anchor="middle" font-family="sans-serif" font-size="11" '
            f'fill="#263238">{escape(caption)}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}">'
        f'<rect width="100%" height="100%" fill="white"/>{"".join(parts)}</svg>'
    )
