import uPlot from "uplot";
import type { MarketHistory, MatchAxis, MatchMarker, SuspensionBand } from "../src/api";
import { odds, percent } from "./dom";
import { layLabels } from "./label-lanes";

/**
 * The charts' colours, each a custom property of the stylesheet (the dark theme redefines
 * them), with the light theme's value for a page without the stylesheet. The canvas cannot
 * use var(), so a chart reads them when it is drawn and is rebuilt when the scheme changes.
 */
const LIGHT: Record<string, string> = {
  "--chart-surface": "#fff",
  "--chart-ink": "#1d2330",
  "--chart-axis": "#555",
  "--chart-grid": "#eee",
  "--chart-suspension": "rgba(192, 57, 43, 0.14)",
  "--chart-failure": "rgba(192, 57, 43, 0.35)",
  "--scrub": "#1f6fd1",
  "--series-1": "#1f6fd1",
  "--series-2": "#8a8f98",
  "--series-3": "#d1541f",
  "--series-4": "#2a9d55",
  "--series-5": "#8e44ad",
  "--series-6": "#c49a00",
  "--series-7": "#16a2b8",
  "--series-8": "#e83e8c",
  "--marker-goal": "#1b7f3b",
  "--marker-red": "#c0392b",
  "--marker-yellow": "#c49a00",
  "--marker-break": "#8e44ad",
  "--marker-major": "#1d2330",
  "--marker-minor": "#6c757d",
  "--marker-period": "#9aa0a6",
};
const SERIES = ["--series-1", "--series-2", "--series-3", "--series-4", "--series-5", "--series-6", "--series-7", "--series-8"];

/** A colour the stylesheet defines for the current theme, for drawing on the canvas. */
const cssColour = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || LIGHT[name];

/** How a moment is drawn (its colour a custom property): by its kind where the console knows it, else by its weight. */
const MARKER_STYLE: Record<string, { colour: string; dash: number[] }> = {
  goal: { colour: "--marker-goal", dash: [] },
  "goal disallowed": { colour: "--marker-minor", dash: [4, 3] },
  "red card": { colour: "--marker-red", dash: [] },
  "yellow card": { colour: "--marker-yellow", dash: [2, 3] },
  break: { colour: "--marker-break", dash: [] },
  set: { colour: "--marker-major", dash: [] },
  suspended: { colour: "--marker-red", dash: [4, 3] },
  correction: { colour: "--marker-minor", dash: [2, 3] },
  retired: { colour: "--marker-red", dash: [] },
  walkover: { colour: "--marker-red", dash: [] },
  abandoned: { colour: "--marker-red", dash: [6, 4] },
};
const WEIGHT_STYLE: Record<MatchMarker["weight"], { colour: string; dash: number[] }> = {
  major: { colour: "--marker-major", dash: [] },
  minor: { colour: "--marker-minor", dash: [2, 3] },
  period: { colour: "--marker-period", dash: [6, 4] },
};
const styleOf = (m: MatchMarker) => MARKER_STYLE[m.kind] ?? WEIGHT_STYLE[m.weight];

/** Boundaries of play a trader wants named on the chart, though the sport gives them no short label. */
const PERIOD_SHORT: Record<string, string> = { "half-time": "HT", "full time": "FT", abandoned: "Abandoned" };
const shortOf = (m: MatchMarker) => m.short || PERIOD_SHORT[m.kind] || "";

/** Height of one lane of marker labels, CSS px. */
const LANE = 15;
/** Least room between two labelled ticks of the match clock, CSS px. */
const TICK_ROOM = 34;

export interface ChartOverlay {
  markers: MatchMarker[];
  suspensions: SuspensionBand[];
  axis: MatchAxis | null;
}

/** What the y axis shows: each selection's fair probability, or its offered decimal odds (log scale). */
export type ChartMode = "probability" | "odds";

/** Where each price version stands: on the match's axis when the server placed it, else at its wall time (seconds). */
const xsOf = (history: MarketHistory) => history.x ?? history.times.map((t) => t / 1000);
const markerX = (m: MatchMarker) => m.x ?? m.at / 1000;

function data(history: MarketHistory, mode: ChartMode): uPlot.AlignedData {
  return [
    xsOf(history),
    ...history.selections.map((s) => (mode === "odds" ? s.odds : s.probability.map((p) => (p === null ? null : p * 100)))),
  ];
}

/**
 * The ticks of the match clock that fit: major ones (kick-off, 45', each set) first,
 * then the others where they leave TICK_ROOM to their neighbours.
 */
function fittingTicks(axis: MatchAxis, min: number, max: number, widthPx: number): MatchAxis["ticks"] {
  const px = (x: number) => ((x - min) / Math.max(1e-9, max - min)) * widthPx;
  const kept: MatchAxis["ticks"] = [];
  const inRange = axis.ticks.filter((t) => t.x >= min && t.x <= max);
  for (const t of [...inRange.filter((t) => t.major), ...inRange.filter((t) => !t.major)]) {
    if (kept.every((k) => Math.abs(px(k.x) - px(t.x)) >= TICK_ROOM)) kept.push(t);
  }
  return kept.sort((a, b) => a.x - b.x);
}

/** Draws incidents and suspensions on the match clock: shaded bands, then labelled vertical lines, then the scrubber's moment. */
function overlayPlugin(overlay: () => ChartOverlay, failedAt: () => number[], scrub: () => number | null): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u: uPlot) => {
          const { ctx } = u;
          const { left, top, width, height } = u.bbox;
          const x = (v: number) => u.valToPos(v, "x", true);
          const inside = (px: number) => px >= left && px <= left + width;
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          ctx.fillStyle = cssColour("--chart-suspension");
          for (const band of overlay().suspensions) {
            const from = x(band.fromX ?? band.from / 1000);
            const to = band.to === null ? left + width : x(band.toX ?? band.to / 1000);
            ctx.fillRect(from, top, Math.max(2 * devicePixelRatio, to - from), height);
          }
          ctx.fillStyle = cssColour("--chart-failure");
          for (const at of failedAt()) ctx.fillRect(x(at) - devicePixelRatio, top, 2 * devicePixelRatio, height);
          for (const m of overlay().markers) {
            const px = x(markerX(m));
            if (!inside(px)) continue;
            const style = styleOf(m);
            ctx.strokeStyle = cssColour(style.colour);
            ctx.lineWidth = (m.weight === "major" ? 2 : 1) * devicePixelRatio;
            ctx.setLineDash(style.dash.map((d) => d * devicePixelRatio));
            ctx.beginPath();
            ctx.moveTo(px, top);
            ctx.lineTo(px, top + height);
            ctx.stroke();
          }
          const at = scrub();
          if (at !== null && inside(x(at))) {
            ctx.strokeStyle = cssColour("--scrub");
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.setLineDash([]);
            ctx.beginPath();
            ctx.moveTo(x(at), top);
            ctx.lineTo(x(at), top + height);
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
  const shown = markers.filter((m) => shortOf(m) !== "").map((m) => ({ m, x: u.valToPos(markerX(m), "x") })).filter(({ x }) => x >= 0 && x <= width);
  const { ctx } = u;
  ctx.save();
  ctx.font = "11px system-ui, sans-serif";
  const boxes = shown.map(({ m, x }) => {
    const w = Math.ceil(ctx.measureText(shortOf(m)).width) + 6;
    // A label that would run off the plot's right edge stands to the left of its line.
    return { x: x + 3 + w > width ? Math.max(0, x - 3 - w) : x + 3, width: w };
  });
  ctx.restore();
  const lanes = layLabels(boxes, Math.max(1, Math.floor(height / LANE / 2)));
  shown.forEach(({ m }, i) => {
    const lane = lanes[i];
    if (lane === null) return;
    const label = document.createElement("span");
    label.className = "marker-label";
    label.dataset.kind = m.kind;
    label.textContent = shortOf(m);
    label.title = m.label;
    label.style.left = `${boxes[i].x}px`;
    label.style.top = `${2 + lane * LANE}px`;
    label.style.width = `${boxes[i].width}px`;
    label.style.color = cssColour(styleOf(m).colour);
    layer.append(label);
  });
}

/**
 * A price chart of one market on the match clock (uPlot): each selection's fair
 * probability, or its offered odds, with incidents and suspensions drawn on the axis.
 * The legend always shows values: those under the cursor while hovering, else those at
 * the scrubber's moment, else the newest.
 */
export class PriceChart {
  private plot: uPlot;
  private history: MarketHistory;
  private overlay: ChartOverlay;
  private mode: ChartMode;
  /** The scrubber's moment: on the match's axis, and in epoch ms; null when following the newest prices. */
  private scrub: { x: number; at: number } | null = null;
  /** The system's colour scheme: the chart is drawn again in the other theme's colours when it changes. */
  private readonly scheme = matchMedia("(prefers-color-scheme: dark)");
  private readonly onScheme = () => this.rebuild();

  constructor(private readonly container: HTMLElement, history: MarketHistory, overlay: ChartOverlay, mode: ChartMode = "probability") {
    this.history = history;
    this.overlay = overlay;
    this.mode = mode;
    this.plot = this.create();
    this.pinLegend();
    this.scheme.addEventListener("change", this.onScheme);
  }

  /** The version shown when nothing is hovered: the newest made before the scrubber's moment (as the ladder shows it), else the newest. */
  private pinnedIndex(): number {
    const { times } = this.history;
    if (this.scrub === null) return times.length - 1;
    let i = -1;
    while (i + 1 < times.length && times[i + 1] < this.scrub.at) i++;
    return Math.max(0, i);
  }

  private pinLegend(): void {
    if (this.history.times.length > 0) this.plot.setLegend({ idx: this.pinnedIndex() }, false);
  }

  private create(): uPlot {
    const history = () => this.history;
    const axis = this.overlay.axis;
    const odd = this.mode === "odds";
    // The theme's colours as they stand now; a change of scheme rebuilds the chart.
    const ink = cssColour("--chart-axis"), grid = { stroke: cssColour("--chart-grid") }, surface = cssColour("--chart-surface");
    const xAxis: uPlot.Axis = axis
      ? {
        label: axis.title, labelSize: 18, stroke: ink, grid, ticks: grid,
        splits: (u, _i, min, max) => fittingTicks(axis, min, max, u.bbox.width / devicePixelRatio || 400).map((t) => t.x),
        values: (u, splits) => {
          const labels = splits.map((x) => axis.ticks.find((t) => t.x === x)?.label ?? "");
          // The ticks drawn, for assistive technology and tests (the canvas cannot be read).
          u.root.dataset.ticks = labels.join(",");
          return labels;
        },
      }
      : { label: "Time", labelSize: 18, stroke: ink, grid, ticks: grid, space: 70 };
    const options: uPlot.Options = {
      width: Math.max(280, this.container.clientWidth),
      height: 240,
      cursor: { drag: { x: true, y: false } },
      scales: {
        // A little room after the newest price, so that a moment at the edge keeps its label.
        x: { time: !axis, range: (_u, min, max) => [min, max + Math.max(axis ? 1 : 30, (max - min) * 0.04)] },
        y: odd
          ? { distr: 3, range: (_u, min, max) => [Math.max(1, (min || 1) / 1.1), Math.max(2, (max || 2) * 1.1)] }
          : { range: (_u, _min, max) => [0, Math.min(100, Math.max(10, Math.ceil((max * 1.1) / 10) * 10))] },
      },
      axes: [
        xAxis,
        odd
          ? { label: "Offered odds (decimal)", labelSize: 18, stroke: ink, grid, ticks: grid, values: (_u, ticks) => ticks.map((t) => (t === null ? "" : t >= 10 ? t.toFixed(0) : t.toFixed(2))), size: 52 }
          : { label: "Fair probability (%)", labelSize: 18, stroke: ink, grid, ticks: grid, values: (_u, ticks) => ticks.map((t) => `${t}%`), size: 52 },
      ],
      series: [
        { label: axis ? (axis.unit === "minute" ? "Minute" : "Point") : "Time", value: (_u, v) => (v === null ? "–" : axis ? axisLabel(axis, v) : new Date(v * 1000).toLocaleTimeString()) },
        ...this.history.selections.map((s, k) => ({
          label: s.name ?? s.key,
          stroke: cssColour(SERIES[k % SERIES.length]),
          points: { fill: surface },
          width: 1.5,
          spanGaps: false,
          value: (_u: uPlot, _v: number | null, _si: number, di: number | null) => legendValue(history().selections[k], di, this.mode),
        })),
      ],
      hooks: {
        // Leaving the plot puts the legend back on the pinned version instead of blanking it.
        setCursor: [(u: uPlot) => {
          if (u.cursor.idx === null || u.cursor.idx === undefined) queueMicrotask(() => this.pinLegend());
        }],
      },
      plugins: [overlayPlugin(() => this.overlay, () => this.history.failedX ?? this.history.failedAt.map((t) => t / 1000), () => this.scrub?.x ?? null)],
    };
    const plot = new uPlot(options, data(this.history, this.mode), this.container);
    plot.root.dataset.mode = this.mode;
    plot.root.dataset.xTitle = xAxis.label as string;
    plot.root.dataset.yTitle = options.axes![1].label as string;
    if (axis) plot.root.dataset.axis = axis.unit;
    // The axes' colour as drawn, for tests (the canvas cannot be read).
    plot.root.dataset.ink = ink;
    return plot;
  }

  private rebuild(): void {
    this.plot.destroy();
    this.plot = this.create();
    this.pinLegend();
  }

  /** New data; the chart is rebuilt only when the selections charted or the axis changed. */
  update(history: MarketHistory, overlay: ChartOverlay): void {
    const same = history.selections.length === this.history.selections.length && history.selections.every((s, i) => s.key === this.history.selections[i].key)
      && JSON.stringify(overlay.axis) === JSON.stringify(this.overlay.axis);
    this.history = history;
    this.overlay = overlay;
    if (!same) return this.rebuild();
    this.plot.setData(data(history, this.mode));
    this.pinLegend();
  }

  setMode(mode: ChartMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.rebuild();
  }

  /** Shows the scrubber's moment (its place on the match's axis and its time), or the newest prices with null. */
  scrubTo(moment: { x: number; at: number } | null): void {
    this.scrub = moment;
    this.plot.redraw(false);
    this.pinLegend();
  }

  resize(): void {
    this.plot.setSize({ width: Math.max(280, this.container.clientWidth), height: 240 });
  }

  destroy(): void {
    this.scheme.removeEventListener("change", this.onScheme);
    this.plot.destroy();
  }
}

/** A position on the match's axis as a trader reads it: the tick at or before it ("67'" reads as such; points as "Set 2 3-2 +1"). */
export function axisLabel(axis: MatchAxis, x: number): string {
  if (axis.unit === "minute") return x < 0 ? `${Math.round(-x)}' before KO` : `${Math.floor(x)}'`;
  const before = axis.ticks.filter((t) => t.x <= x + 1e-9);
  const setTick = before.filter((t) => t.major).at(-1);
  const set = !setTick || setTick.label === "Start" ? "Set 1" : setTick.label;
  const game = before.filter((t) => !t.major && t.x >= (setTick?.x ?? -Infinity)).at(-1)?.label;
  return x < 0 ? "before play" : `${set}${game ? `, games ${game}` : ""}, point ${Math.round(x)}`;
}

/** The legend's value of one selection at one version: the shown measure first, the other beside it. */
function legendValue(s: MarketHistory["selections"][number], i: number | null, mode: ChartMode): string {
  if (i === null || i === undefined) return "–";
  const p = s.probability[i], o = s.odds[i];
  if (p === null && o === null) return "–";
  return mode === "odds" ? `${o === null ? "not offered" : odds(o)} (${percent(p)})` : `${percent(p)} @ ${o === null ? "not offered" : odds(o)}`;
}
