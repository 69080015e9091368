import uPlot from "uplot";
import type { MarketHistory, MatchMarker, SuspensionBand } from "../src/api";
import { odds } from "./dom";
import { layLabels } from "./label-lanes";

const PALETTE = ["#1f6fd1", "#8a8f98", "#d1541f", "#2a9d55", "#8e44ad", "#c49a00", "#16a2b8", "#e83e8c"];

/** How a moment is drawn: by its kind where the console knows it, else by its weight. */
const MARKER_STYLE: Record<string, { colour: string; dash: number[] }> = {
  goal: { colour: "#1b7f3b", dash: [] },
  "goal disallowed": { colour: "#6c757d", dash: [4, 3] },
  "red card": { colour: "#c0392b", dash: [] },
  "yellow card": { colour: "#c49a00", dash: [2, 3] },
  break: { colour: "#8e44ad", dash: [] },
  set: { colour: "#1d2330", dash: [] },
  suspended: { colour: "#c0392b", dash: [4, 3] },
  correction: { colour: "#6c757d", dash: [2, 3] },
  retired: { colour: "#c0392b", dash: [] },
  walkover: { colour: "#c0392b", dash: [] },
  abandoned: { colour: "#c0392b", dash: [6, 4] },
};
const WEIGHT_STYLE: Record<MatchMarker["weight"], { colour: string; dash: number[] }> = {
  major: { colour: "#1d2330", dash: [] },
  minor: { colour: "#6c757d", dash: [2, 3] },
  period: { colour: "#9aa0a6", dash: [6, 4] },
};
const styleOf = (m: MatchMarker) => MARKER_STYLE[m.kind] ?? WEIGHT_STYLE[m.weight];

/** Height of one lane of marker labels, CSS px. */
const LANE = 15;

export interface ChartOverlay {
  markers: MatchMarker[];
  suspensions: SuspensionBand[];
}

const clockTime = (seconds: number) => new Date(seconds * 1000).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

function data(history: MarketHistory): uPlot.AlignedData {
  return [
    history.times.map((t) => t / 1000),
    ...history.selections.map((s) => s.probability.map((p) => (p === null ? null : p * 100))),
  ];
}

/** Draws incidents and suspensions on the time axis: shaded bands, then labelled vertical lines. */
function overlayPlugin(overlay: () => ChartOverlay, failedAt: () => number[]): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u: uPlot) => {
          const { ctx } = u;
          const { left, top, width, height } = u.bbox;
          const x = (ms: number) => u.valToPos(ms / 1000, "x", true);
          const inside = (px: number) => px >= left && px <= left + width;
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          ctx.fillStyle = "rgba(192, 57, 43, 0.14)";
          for (const band of overlay().suspensions) {
            const from = x(band.from);
            const to = band.to === null ? left + width : x(band.to);
            ctx.fillRect(from, top, Math.max(2 * devicePixelRatio, to - from), height);
          }
          ctx.fillStyle = "rgba(192, 57, 43, 0.35)";
          for (const at of failedAt()) ctx.fillRect(x(at) - devicePixelRatio, top, 2 * devicePixelRatio, height);
          for (const m of overlay().markers) {
            const px = x(m.at);
            if (!inside(px)) continue;
            const style = styleOf(m);
            ctx.strokeStyle = style.colour;
            ctx.lineWidth = (m.weight === "major" ? 2 : 1) * devicePixelRatio;
            ctx.setLineDash(style.dash.map((d) => d * devicePixelRatio));
            ctx.beginPath();
            ctx.moveTo(px, top);
            ctx.lineTo(px, top + height);
            ctx.stroke();
          }
          ctx.restore();
          labelMarkers(u, overlay().markers);
        },
      ],
    },
  };
}

/**
 * The markers' labels as text over the plot (read by assistive technology and tests
 * alike), laid out in lanes so that none overlaps another.
 */
function labelMarkers(u: uPlot, markers: MatchMarker[]): void {
  let layer = u.over.querySelector<HTMLElement>(".marker-labels");
  if (!layer) {
    layer = document.createElement("div");
    layer.className = "marker-labels";
    u.over.append(layer);
  }
  layer.replaceChildren();
  // The plot's size in CSS px (the overlay element may not be laid out yet on the first draw).
  const width = u.bbox.width / devicePixelRatio, height = u.bbox.height / devicePixelRatio;
  const shown = markers.filter((m) => m.short !== "").map((m) => ({ m, x: u.valToPos(m.at / 1000, "x") })).filter(({ x }) => x >= 0 && x <= width);
  const { ctx } = u;
  ctx.save();
  ctx.font = "11px system-ui, sans-serif";
  const boxes = shown.map(({ m, x }) => ({ x: x + 3, width: Math.ceil(ctx.measureText(m.short).width) + 6 }));
  ctx.restore();
  const lanes = layLabels(boxes, Math.max(1, Math.floor(height / LANE / 2)));
  shown.forEach(({ m }, i) => {
    const lane = lanes[i];
    if (lane === null) return;
    const label = document.createElement("span");
    label.className = "marker-label";
    label.dataset.kind = m.kind;
    label.textContent = m.short;
    label.title = m.label;
    label.style.left = `${boxes[i].x}px`;
    label.style.top = `${2 + lane * LANE}px`;
    label.style.width = `${boxes[i].width}px`;
    label.style.color = styleOf(m).colour;
    layer.append(label);
  });
}

/**
 * A price chart of one market: the fair probability of each selection over time (uPlot),
 * offered odds in the legend, incidents and suspensions drawn on the time axis.
 */
export class PriceChart {
  private plot: uPlot;
  private history: MarketHistory;
  private overlay: ChartOverlay;

  constructor(private readonly container: HTMLElement, history: MarketHistory, overlay: ChartOverlay) {
    this.history = history;
    this.overlay = overlay;
    this.plot = this.create();
  }

  private create(): uPlot {
    const history = () => this.history;
    const options: uPlot.Options = {
      width: Math.max(280, this.container.clientWidth),
      height: 220,
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true }, y: { range: (_u, min, max) => [0, Math.min(100, Math.max(10, Math.ceil((max * 1.1) / 10) * 10))] } },
      axes: [
        { stroke: "#555", grid: { stroke: "#eee" }, space: 70, values: (_u, ticks) => ticks.map((t) => clockTime(t)) },
        { stroke: "#555", grid: { stroke: "#eee" }, values: (_u, ticks) => ticks.map((t) => `${t}%`), size: 52 },
      ],
      series: [
        { label: "Time", value: (_u, v) => (v === null ? "–" : new Date(v * 1000).toLocaleTimeString("en-GB")) },
        ...this.history.selections.map((s, k) => ({
          label: s.name ?? s.key,
          stroke: PALETTE[k % PALETTE.length],
          width: 1.5,
          spanGaps: false,
          value: (_u: uPlot, v: number | null, _si: number, di: number | null) =>
            v === null ? "–" : `${v.toFixed(1)}% @ ${odds(di === null ? null : history().selections[k].odds[di])}`,
        })),
      ],
      plugins: [overlayPlugin(() => this.overlay, () => this.history.failedAt)],
    };
    return new uPlot(options, data(this.history), this.container);
  }

  /** New data; the chart is rebuilt only when the selections charted changed. */
  update(history: MarketHistory, overlay: ChartOverlay): void {
    const same = history.selections.length === this.history.selections.length && history.selections.every((s, i) => s.key === this.history.selections[i].key);
    this.history = history;
    this.overlay = overlay;
    if (same) this.plot.setData(data(history));
    else {
      this.plot.destroy();
      this.plot = this.create();
    }
  }

  resize(): void {
    this.plot.setSize({ width: Math.max(280, this.container.clientWidth), height: 220 });
  }

  destroy(): void {
    this.plot.destroy();
  }
}
