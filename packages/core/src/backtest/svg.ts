/**
 * A small SVG writer for the backtest report's plots: probability-against-probability
 * charts on the unit square, with a diagonal, series drawn as points or lines, and a
 * legend. Hand-written because no charting package is installed and the plots are
 * two kinds on fixed axes: the charting libraries on npm either need a browser DOM
 * (Chart.js, d3's selections) or a large runtime (Vega), for what is ~100 lines of
 * plain SVG text here.
 */

/** One series of points in [0, 1] x [0, 1]. */
export interface PlotSeries {
  label: string;
  /** CSS colour. */
  colour: string;
  points: readonly { x: number; y: number }[];
  /** "line" joins the points in order and marks them; "points" draws small dots. */
  style: "line" | "points";
}

export interface UnitSquarePlot {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly PlotSeries[];
}

const SIZE = 420, MARGIN = { left: 56, right: 16, top: 36, bottom: 48 };
const PLOT = SIZE - MARGIN.left - MARGIN.right;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

const px = (x: number) => (MARGIN.left + Math.min(1, Math.max(0, x)) * PLOT).toFixed(1);
const py = (y: number) => (MARGIN.top + (1 - Math.min(1, Math.max(0, y))) * PLOT).toFixed(1);

function axes(plot: UnitSquarePlot): string[] {
  const out: string[] = [];
  for (let i = 0; i <= 10; i += 2) {
    const v = i / 10;
    out.push(`<line x1="${px(v)}" y1="${py(0)}" x2="${px(v)}" y2="${py(1)}" stroke="#eee"/>`);
    out.push(`<line x1="${px(0)}" y1="${py(v)}" x2="${px(1)}" y2="${py(v)}" stroke="#eee"/>`);
    out.push(`<text x="${px(v)}" y="${Number(py(0)) + 16}" text-anchor="middle">${v.toFixed(1)}</text>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${Number(py(v)) + 4}" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  out.push(`<rect x="${px(0)}" y="${py(1)}" width="${PLOT}" height="${PLOT}" fill="none" stroke="#333"/>`);
  out.push(`<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" stroke="#999" stroke-dasharray="4 4"/>`);
  out.push(`<text x="${SIZE / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(plot.title)}</text>`);
  out.push(`<text x="${MARGIN.left + PLOT / 2}" y="${SIZE - 10}" text-anchor="middle">${escapeXml(plot.xLabel)}</text>`);
  out.push(`<text transform="translate(14 ${MARGIN.top + PLOT / 2}) rotate(-90)" text-anchor="middle">${escapeXml(plot.yLabel)}</text>`);
  return out;
}

function series(s: PlotSeries): string[] {
  const out: string[] = [];
  if (s.style === "line" && s.points.length > 1) {
    const path = s.points.map((p, i) => `${i === 0 ? "M" : "L"}${px(p.x)} ${py(p.y)}`).join(" ");
    out.push(`<path d="${path}" fill="none" stroke="${s.colour}" stroke-width="1.5"/>`);
  }
  const radius = s.style === "line" ? 3 : 1.6;
  const opacity = s.style === "line" ? 1 : 0.45;
  for (const p of s.points) {
    out.push(`<circle cx="${px(p.x)}" cy="${py(p.y)}" r="${radius}" fill="${s.colour}" fill-opacity="${opacity}"/>`);
  }
  return out;
}

function legend(all: readonly PlotSeries[]): string[] {
  return all.flatMap((s, i) => {
    const y = MARGIN.top + 14 + i * 16;
    return [
      `<rect x="${MARGIN.left + 10}" y="${y - 9}" width="10" height="10" fill="${s.colour}"/>`,
      `<text x="${MARGIN.left + 26}" y="${y}">${escapeXml(s.label)}</text>`,
    ];
  });
}

/** An SVG document plotting the series on [0, 1] x [0, 1] with the diagonal y = x dashed. */
export function unitSquareSvg(plot: UnitSquarePlot): string {
  const body = [...axes(plot), ...plot.series.flatMap(series), ...legend(plot.series)];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" font-family="sans-serif" font-size="11">`,
    `<rect width="${SIZE}" height="${SIZE}" fill="white"/>`,
    ...body,
    "</svg>",
    "",
  ].join("\n");
}
