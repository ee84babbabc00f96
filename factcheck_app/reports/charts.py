"""Charts as SVG text (for HTML) and the geometry the PDF painter shares with it."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .model import BarChart, safe_colour

SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"
TRACK = "#eef0f3"
INK = "#1f2328"
MUTED = "#5f6670"


@dataclass(frozen=True)
class BarGeometry:
    """Horizontal bars: label column, bar track, value; all in the same units."""

    width: float
    label_width: float
    value_width: float
    row: float
    bar: float
    top: float

    @property
    def track(self) -> float:
        return self.width - self.label_width - self.value_width

    def height(self, rows: int) -> float:
        return self.top + rows * self.row

    def bar_length(self, value: int, largest: int) -> float:
        if largest <= 0 or value <= 0:
            return 0.0
        return max(2.0, self.track * value / largest)


def geometry(width: float, unit: float = 1.0, longest_label: float = 0.0) -> BarGeometry:
    """The layout for `width`; `unit` scales the fixed parts (1 = CSS pixels). The label
    column widens for a label longer than it (`longest_label`, in the same units as
    `width`), up to 40% of the width."""
    label_width = max(min(150 * unit, width * 0.3), min(longest_label + 12 * unit, width * 0.4))
    return BarGeometry(width=width, label_width=label_width,
                       value_width=64 * unit, row=26 * unit, bar=16 * unit, top=4 * unit)


def _label_estimate(chart: BarChart) -> float:
    """The longest label's width at the SVG's 13 px sans, estimated (no font metrics in a
    plain SVG): about 0.56 em a character."""
    return max((len(b.label) for b in chart.bars), default=0) * 13 * 0.56


def bar_chart_svg(chart: BarChart, width: int = 640) -> str:
    """An accessible, self-contained SVG: a title, a description, one bar per verdict."""
    g = geometry(width, longest_label=_label_estimate(chart))
    largest = max((b.value for b in chart.bars), default=0)
    total = chart.total
    height = g.height(len(chart.bars)) + 4
    described = "; ".join(f"{b.label}: {b.value}" for b in chart.bars)
    out = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
        f'width="100%" role="img" aria-label="{escape(chart.title)}" style="max-width:{width}px">',
        f"<title>{escape(chart.title)}</title><desc>{escape(described)}</desc>",
    ]
    for i, bar in enumerate(chart.bars):
        y = g.top + i * g.row
        mid = y + g.bar / 2
        length = g.bar_length(bar.value, largest)
        share = f"{round(100 * bar.value / total)}%" if total else "\u2013"
        out.append(
            f'<text x="{g.label_width - 10:.0f}" y="{mid:.1f}" text-anchor="end" '
            f'dominant-baseline="central" font-family="{SANS}" font-size="13" fill="{INK}">'
            f"{escape(bar.label)}</text>")
        out.append(f'<rect x="{g.label_width:.0f}" y="{y:.1f}" width="{g.track:.1f}" '
                   f'height="{g.bar:.0f}" rx="2" fill="{TRACK}"/>')
        if length:
            out.append(f'<rect x="{g.label_width:.0f}" y="{y:.1f}" width="{length:.1f}" '
                       f'height="{g.bar:.0f}" rx="2" fill="{safe_colour(bar.colour)}"/>')
        out.append(
            f'<text x="{g.label_width + g.track + 8:.0f}" y="{mid:.1f}" dominant-baseline="central" '
            f'font-family="{SANS}" font-size="13" fill="{INK}"><tspan font-weight="600">'
            f'{bar.value}</tspan><tspan fill="{MUTED}" dx="6">{share}</tspan></text>')
    out.append("</svg>")
    return "".join(out)
