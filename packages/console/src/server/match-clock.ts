import type { EventLogItem } from "@pricing/core/store/event-log";
import type { MatchAxis } from "../api";

/** Minutes between two labelled ticks of a clocked sport's axis. */
const MINUTE_STEP = 15;
/** How far before the start a clocked sport's axis reaches back for pre-match prices, minutes. */
const PRE_MATCH_MINUTES = 15;

interface Position {
  /** Epoch ms the engine logged the event: the clock of prices' `asOf`. */
  loggedAt: number;
  /** Where on the axis the event stands. */
  x: number;
  /** The match clock the feed gave (a minute, or points played), before any shift that keeps the axis moving forward. */
  raw: number;
}

const minuteOf = (event: unknown): number | null => {
  const m = (event as { minute?: unknown }).minute;
  return typeof m === "number" ? m : null;
};
const scoreOf = (event: unknown): string | null => {
  const s = (event as { score?: unknown }).score;
  return typeof s === "string" ? s : null;
};

/**
 * The match clock of the charts, read from the event log, so that a price, a moment
 * and the scrubber stand where the match stood rather than at a wall time.
 *
 * A sport with a clock (football) is drawn in minutes: each event at the minute the feed
 * gave it, prices between events run on with the time elapsed up to the next one. A
 * half's stoppage time pushes the rest of the match to the right instead of running
 * back to 45', so the axis always moves forward.
 *
 * A sport without one (tennis) is drawn in points played: each point one step, with the
 * games and sets of the feed's score as the ticks. Pre-match events are spread before
 * the start either way.
 */
export class MatchClock {
  private readonly positions: Position[] = [];
  readonly axis: MatchAxis;

  constructor(log: readonly EventLogItem[], private readonly clocked: boolean, kickoff: string | null) {
    const start = kickoff ? Date.parse(kickoff) : NaN;
    const ticks: MatchAxis["ticks"] = [];
    let raw = clocked ? -PRE_MATCH_MINUTES : -1, offset = 0, last = -Infinity, points = 0, started = false;
    let games: string | null = null, sets = 0;
    const pre = log.filter((item) => !(Date.parse(item.occurredAt) >= start) && minuteOf(item.event) === null && scoreOf(item.event) === null).length;
    let preIndex = 0;
    for (const item of log) {
      const occurred = Date.parse(item.occurredAt);
      const minute = minuteOf(item.event), score = scoreOf(item.event);
      if (clocked) {
        if (minute !== null) raw = minute;
        else if (!started && !(occurred >= start)) raw = Math.max(-PRE_MATCH_MINUTES, Math.min(0, (occurred - start) / 60_000));
        else if (!started) raw = 0;
        started ||= minute !== null || occurred >= start;
      } else if (score !== null) {
        // A point taken back keeps its step: the axis counts points played in the feed's order.
        raw = ++points;
        const tokens = score.split(" ");
        const nowSets = tokens.length - 2, nowGames = tokens.at(-2) ?? null;
        if (nowSets > sets) ticks.push({ x: raw, label: `Set ${nowSets + 1}`, major: true });
        else if (games !== null && nowGames !== games) ticks.push({ x: raw, label: nowGames!, major: false });
        [sets, games] = [nowSets, nowGames];
        started = true;
      } else if (!started) raw = -1 + ++preIndex / Math.max(1, pre + 1);
      if (raw + offset < last) offset = last - raw;
      const x = raw + offset;
      last = x;
      this.positions.push({ loggedAt: Date.parse(item.loggedAt), x, raw });
    }
    this.axis = clocked
      ? { unit: "minute", title: "Match clock (minutes)", ticks: this.minuteTicks() }
      : { unit: "point", title: "Points played (ticks: games, sets)", ticks: [{ x: 0, label: "Start", major: true }, ...ticks] };
  }

  /** Ticks every MINUTE_STEP minutes of each stretch the clock ran without a shift, labelled with the feed's minute. */
  private minuteTicks(): MatchAxis["ticks"] {
    const ticks: MatchAxis["ticks"] = [];
    const seen = new Set<number>();
    this.positions.forEach((p, i) => {
      const shift = p.x - p.raw;
      const next = this.positions[i + 1];
      const until = next ? next.x - shift : p.raw + MINUTE_STEP;
      for (let m = Math.ceil(Math.max(0, p.raw) / MINUTE_STEP) * MINUTE_STEP; m <= until; m += MINUTE_STEP) {
        if (seen.has(m) || (next && m + shift > next.x)) continue;
        seen.add(m);
        ticks.push({ x: m + shift, label: m === 0 ? "KO" : `${m}'`, major: m % 45 === 0 });
      }
    });
    return ticks;
  }

  /**
   * Where an engine time (a price's `asOf`, an event's logging) stands on the axis: the
   * newest event logged by then, run on (a clocked sport) by the time since, as far as
   * the next event or, after the last, as far as `clockMinute` (the engine's own clock
   * for the price) goes past the event's minute.
   */
  at(ms: number, clockMinute?: number): number {
    let i = -1;
    for (let lo = 0, hi = this.positions.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1;
      if (this.positions[mid].loggedAt <= ms) [i, lo] = [mid, mid + 1];
      else hi = mid - 1;
    }
    if (i < 0) return this.positions[0]?.x ?? 0;
    const p = this.positions[i];
    if (!this.clocked) return p.x;
    const next = this.positions[i + 1];
    const room = next ? next.x - p.x : Math.max(0, (clockMinute ?? p.raw) - p.raw);
    return p.x + Math.min(room, Math.max(0, (ms - p.loggedAt) / 60_000));
  }
}
