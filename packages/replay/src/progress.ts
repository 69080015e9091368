import { MultiBar, Presets, type SingleBar } from "cli-progress";
import type { Clock } from "@pricing/local";
import type { MatchFeed, TimedFeedEvent } from "./football/feed";

/** What the replay tells the person watching it. */
export interface ReplayProgress {
  start(feeds: MatchFeed[], clock: Clock): void;
  put(e: TimedFeedEvent): void;
  settled(matchId: string): void;
  log(line: string): void;
  stop(): void;
}

interface MatchView {
  feed: MatchFeed;
  fixture: string;
  score: { home: number; away: number };
  status: string;
  bar?: SingleBar;
}

const NAME_WIDTH = 34;

/**
 * One progress bar per match (match minute, score, status) when `stream` is a
 * terminal; otherwise plain lines for goals, red cards, half and full time and
 * settlement, so logs and pipes stay readable.
 */
export function replayProgress(stream: NodeJS.WriteStream, options: { quiet?: boolean } = {}): ReplayProgress {
  if (options.quiet) return { start() {}, put() {}, settled() {}, log() {}, stop() {} };
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}

abstract class BaseProgress implements ReplayProgress {
  protected readonly views = new Map<string, MatchView>();
  protected clock?: Clock;

  start(feeds: MatchFeed[], clock: Clock): void {
    this.clock = clock;
    for (const feed of feeds) {
      const fixture = `${feed.fixture.homeTeam} v ${feed.fixture.awayTeam}`;
      this.views.set(feed.matchId, { feed, fixture, score: { home: 0, away: 0 }, status: "scheduled" });
    }
  }

  put(e: TimedFeedEvent): void {
    const view = this.views.get(e.event.matchId);
    if (!view) return;
    const event = e.event;
    let note: string | null = null;
    if (event.type === "Goal Scored") {
      view.score[event.team]++;
      note = `goal ${event.team === "home" ? view.feed.fixture.homeTeam : view.feed.fixture.awayTeam} ${event.minute}'`;
    } else if (event.type === "Card Shown" && event.colour === "red") {
      note = `red card ${event.team === "home" ? view.feed.fixture.homeTeam : view.feed.fixture.awayTeam} ${event.minute}'`;
    } else if (event.type === "Match Started") view.status = "in play";
    else if (event.type === "Period Ended" && event.period === "1H") view.status = note = "half time";
    else if (event.type === "Period Started" && event.period === "2H") view.status = "in play";
    else if (event.type === "Match Ended") view.status = note = "full time";
    else if (event.type === "Result Confirmed") view.status = "confirmed";
    this.changed(view, note);
  }

  settled(matchId: string): void {
    const view = this.views.get(matchId);
    if (!view) return;
    view.status = "settled";
    this.changed(view, "settled");
  }

  /** Seconds since this match's kick-off, half-time break included, stopped at full time. */
  protected elapsedOf(view: MatchView): number {
    const { script, kickoffMs } = view.feed;
    return Math.min(Math.max(0, ((this.clock?.now() ?? kickoffMs) - kickoffMs) / 1000), script.fullTimeSecond);
  }

  /** What a match clock shows now: minutes played, "HT" in the break, stopped at full time. */
  protected clockOf(view: MatchView): string {
    const { script } = view.feed;
    const second = this.elapsedOf(view);
    if (second < script.halfTimeSecond) return `${Math.floor(second / 60)}'`;
    if (second < script.secondHalfSecond) return "HT";
    return `${45 + Math.floor((second - script.secondHalfSecond) / 60)}'`;
  }

  protected label(view: MatchView): string {
    return `${view.fixture.padEnd(NAME_WIDTH)} ${view.score.home}-${view.score.away}`;
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

  override start(feeds: MatchFeed[], clock: Clock): void {
    super.start(feeds, clock);
    for (const view of this.views.values()) {
      view.bar = this.bars.create(Math.ceil(view.feed.script.fullTimeSecond / 60), 0, { label: this.label(view), clock: "0'".padStart(4), status: view.status });
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
