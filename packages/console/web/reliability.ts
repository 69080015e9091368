import type { ReliabilityBin } from "../src/api";
import { svg } from "./dom";

/**
 * A reliability diagram: each bin's mean forecast (x) against the observed frequency
 * (y), dot area by count, with the diagonal a calibrated model would sit on.
 */
export function reliabilityDiagram(bins: ReliabilityBin[], label: string, size = 180): SVGSVGElement {
  const pad = 26, inner = size - pad - 8;
  const x = (p: number) => pad + p * inner;
  const y = (p: number) => 8 + (1 - p) * inner;
  const root = svg("svg", { width: size, height: size, viewBox: `0 0 ${size} ${size}`, role: "img", "aria-label": label, class: "reliability" });
  root.append(svg("title", {}, label));
  root.append(svg("rect", { x: pad, y: 8, width: inner, height: inner, class: "frame" }));
  root.append(svg("line", { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: "diagonal" }));
  for (const t of [0, 0.5, 1]) {
    root.append(svg("text", { x: x(t), y: size - 4, "text-anchor": "middle", class: "tick" }, t));
    root.append(svg("text", { x: pad - 4, y: y(t) + 3, "text-anchor": "end", class: "tick" }, t));
  }
  const most = Math.max(1, ...bins.map((b) => b.count));
  const points = bins.map((b) => `${x(b.meanForecast).toFixed(1)},${y(b.observedFrequency).toFixed(1)}`).join(" ");
  if (bins.length > 1) root.append(svg("polyline", { points, class: "curve" }));
  for (const b of bins) {
    root.append(svg("circle", { cx: x(b.meanForecast), cy: y(b.observedFrequency), r: 2 + 5 * Math.sqrt(b.count / most), class: "bin" },
      svg("title", {}, `forecast ${(b.meanForecast * 100).toFixed(1)}%, observed ${(b.observedFrequency * 100).toFixed(1)}% of ${b.count}`)));
  }
  return root;
}
