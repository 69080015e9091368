import uPlot from "uplot";
import type { MarketHistory, MatchMarker, SuspensionBand } from "../src/api";
import { odds } from "./dom";

const PALETTE = ["#1f6fd1", "#8a8f98", "#d1541f", "#2a9d55", "#8e44ad", "#c49a00", "#16a2b8", "#e83e8c"];

const MARKER_STYLE: Record<MatchMarker["kind"], { colour: string; dash: number[] }> = {
  goal: { colour: "#1b7f3b", dash: [] },
  "goal disallowed": { colour: "#6c757d", dash: [4, 3] },
  "red card": { colour: "#c0392b", dash: [] },
  "yellow card": { colour: "#c49a00", dash: [2, 3] },
  "kick-off": { colour: "#9aa0a6", dash: [6, 4] },
  "half-time": { colour: "#9aa0a6", dash: [6, 4] },
  "second half": { colour: "#9aa0a6", dash: [6, 4] },
  "full time": { colour: "#9aa0a6", dash: [6, 4] },
  abandoned: { colour: "#c0392b", dash: [6, 4] },
};

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
          ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
          ctx.textBaseline = "top";
          for (const m of overlay().markers) {
            const px = x(m.at);
            if (!inside(px)) continue;
            const style = MARKER_STYLE[m.kind];
            ctx.strokeStyle = style.colour;
            ctx.lineWidth = (m.kind === "goal" || m.kind === "red card" ? 2 : 1) * devicePixelRatio;
            ctx.setLineDash(style.dash.map((d) => d * devicePixelRatio));
            ctx.beginPath();
            ctx.moveTo(px, top);
            ctx.lineTo(px, top + height);
            ctx.stroke();
            if (m.kind === "goal" || m.kind === "red card" || m.kind === "goal disallowed") {
              ctx.fillStyle = style.colour;
              const minute = m.minute !== null ? ` ${m.minute}'` : "";
              const text = m.kind === "goal" ? `${m.team === "away" ? "A" : "H"} goal${minute}` : m.kind === "red card" ? `Red${minute}` : "No goal";
              ctx.fillText(text, px + 3 * devicePixelRatio, top + 2 * devicePixelRatio);
            }
          }
          ctx.restore();
        },
      ],
    },
  };
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
          label: s.key,
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
