import { svg } from "./dom";

export const SELECTION_COLOURS = ["#1f6fd1", "#8a8f98", "#d1541f"];

/**
 * A small chart of a headline market's fair probabilities over the last price versions:
 * one line per selection on a 0-100% scale (home, draw and away; the two sides of a
 * two-way market in the first and last colour).
 */
export function sparkline(points: number[][], label: string, width = 132, height = 30): SVGSVGElement {
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: "sparkline" });
  chart.append(svg("title", {}, label));
  if (points.length === 0) return chart;
  const x = (i: number) => (points.length === 1 ? width / 2 : (i / (points.length - 1)) * (width - 4) + 2);
  const y = (p: number) => height - 2 - p * (height - 4);
  const n = points[0].length;
  for (let k = 0; k < n; k++) {
    const colour = SELECTION_COLOURS[n === 2 && k === 1 ? 2 : k % SELECTION_COLOURS.length];
    const d = points.map((pt, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(pt[k]).toFixed(1)}`).join("");
    chart.append(svg("path", { d: points.length === 1 ? `${d}h0.1` : d, stroke: colour, fill: "none", "stroke-width": 1.5, "stroke-linecap": "round" }));
  }
  return chart;
}
