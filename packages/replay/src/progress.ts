import { MultiBar, Presets, type SingleBar } from "cli-progress";
import type { Clock } from "@pricing/local";
import type { MatchFeed, MatchWatch, TimedFeedEvent } from "@pricing/core/sports/feed";

/** A match of the replay and its sport's follower of it. */
export interface WatchedMatch {
  feed: MatchFeed;
  watch: MatchWatch;
}

/** What the replay tells the person watching it. */
export interface ReplayProgress {
  start(matches: WatchedMatch[], clock: Clock): void;
  put(e: TimedFeedEvent): void;
  settled(matchId: string): void;
  log(line: string): void;
  stop(): void;
}

interface MatchView extends WatchedMatch {
  status: string;
  bar?: SingleBar;
}

const NAME_WIDTH = 34;

/**
 * One progress bar per match (match clock, score, status) when `stream` is a
 * terminal; otherwise plain lines for what the sport's follower notes (goals, red
 * cards, half and full time) and settlement, so logs and pipes stay readable.
 */
export function replayProgress(stream: NodeJS.WriteStream, options: { quiet?: boolean } = {}): ReplayProgress {
  if (options.quiet) return { start() {}, put() {}, settled() {}, log() {}, stop() {} };
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}

abstract class BaseProgress implements ReplayProgress {
  protected readonly views = new Map<string, MatchView>();
  protected clock?: Clock;

  start(matches: WatchedMatch[], clock: Clock): void {
    this.clock = clock;
    for (const { feed, watch } of matches) this.views.set(feed.matchId, { feed, watch, status: "scheduled" });
  }

  put(e: TimedFeedEvent): void {
    const view = this.views.get(e.event.matchId);
    if (!view) return;
    const { status, note } = view.watch.follow(e.event);
    if (status) view.status = status;
    this.changed(view, note ?? null);
  }

  settled(matchId: string): void {
    const view = this.views.get(matchId);
    if (!view) return;
    view.status = "settled";
    this.changed(view, "settled");
  }

  /** Seconds since this match's kick-off, breaks included, stopped at the end of play. */
  protected elapsedOf(view: MatchView): number {
    const { kickoffMs } = view.feed;
    return Math.min(Math.max(0, ((this.clock?.now() ?? kickoffMs) - kickoffMs) / 1000), view.watch.playSeconds);
  }

  /** What the match clock shows now. */
  protected clockOf(view: MatchView): string {
    return view.watch.clock(this.elapsedOf(view));
  }

  protected label(view: MatchView): string {
    return `${view.watch.name.padEnd(NAME_WIDTH)} ${view.watch.score()}`;
  }

  abstract log(line: string): void;
  abstract stop(): void;
  protected abstract changed(view: MatchView, note: string | null): void;
}

class BarProgress extends BaseProgress {
  private readonly bars: MultiBar;
  private timer?: NodeJS.Timeout;

  constructor(stream: NodeJS.WriteStream) {
    super();
    this.bars = new MultiBar(
      { stream, format: "{label} {clock} [{bar}] {status}", barsize: 30, hideCursor: true, clearOnComplete: false, autopadding: true },
      Presets.shades_classic,
    );
  }

  override start(matches: WatchedMatch[], clock: Clock): void {
    super.start(matches, clock);
    for (const view of this.views.values()) {
      view.bar = this.bars.create(Math.ceil(view.watch.playSeconds / 60), 0, { label: this.label(view), clock: "0'".padStart(4), status: view.status });
    }
    this.timer = setInterval(() => this.refresh(), 250);
  }

  log(line: string): void {
    this.bars.log(`${line}\n`);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.refresh();
    this.bars.stop();
  }

  protected changed(view: MatchView): void {
    this.render(view);
  }

  private refresh(): void {
    for (const view of this.views.values()) this.render(view);
  }

  private render(view: MatchView): void {
    view.bar?.update(Math.floor(this.elapsedOf(view) / 60), { label: this.label(view), clock: this.clockOf(view).padStart(4), status: view.status });
  }
}

class LineProgress extends BaseProgress {
  constructor(private readonly stream: NodeJS.WriteStream) {
    super();
  }

  log(line: string): void {
    this.stream.write(`${line}\n`);
  }

  stop(): void {}

  protected changed(view: MatchView, note: string | null): void {
    if (note) this.log(`${this.clockOf(view).padStart(4)} ${this.label(view)}  ${note}`);
  }
}
