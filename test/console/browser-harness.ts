import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { feedEntry, type FeedEvent } from "@pricing/core/match/events";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { startLocalCloud, type LocalCloud } from "@pricing/local";
import { matchDayFixtures } from "@pricing/core/sports/football/replay/fixtures";
import { matchFeed } from "@pricing/core/sports/football/replay/feed";
import type { MatchFeed } from "@pricing/core/sports/feed";
import { parseTennisData } from "@pricing/core/sports/tennis/csv";
import { sportFeed as tennisFeed, type TennisMatchFeed } from "@pricing/core/sports/tennis/replay/index";
import { startConsole, type StartedConsole } from "@pricing/console/server/mount";

export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOTS = join(import.meta.dirname, "../../build/screenshots");

/** The bundled season's last round (every fixture kicks off together on 22 May 2022). */
const SEASON = join(import.meta.dirname, "../../data/football-data/E0_2122.csv");
/** The tennis season and the day the match-day replay plays by default: its first match is Sinner v Vukic (6-2 6-4), Great Ocean Road Open. */
const TENNIS_SEASON = join(import.meta.dirname, "../../data/tennis-data/ATP_2021.csv");
const TENNIS_DAY = "2021-02-03";

export interface ConsoleRig {
  cloud: LocalCloud;
  console: StartedConsole;
  browser: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  pageErrors: string[];
  feed: MatchFeed;
  /** Puts the feed events up to `index` not posted yet on the bus, one at a time, each once the engine has finished with the one before. */
  postUpTo(index: number): Promise<void>;
  /** A real tennis match of the same day (points drawn to its real set scores), on the same cloud. */
  tennis: TennisMatchFeed;
  /** Puts the tennis feed's events up to `index` not posted yet on the bus, as postUpTo does. */
  postTennisUpTo(index: number): Promise<void>;
  shot(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A local cloud with the console mounted, Chromium on it, and the feed of a real
 * fixture (the first of the round whose drawn script has a goal) to replay: events are
 * posted one at a time through PutEvents, each when the engine has settled the one
 * before, so the test sees every step of the match without waiting out its minutes.
 */
export async function startRig(): Promise<ConsoleRig> {
  const cloud = await startLocalCloud({ port: 0, speed: 10, backend: "dynalite", logLevel: "silent" });
  let served: StartedConsole | undefined;
  let context: BrowserContext | undefined;
  const profile = mkdtempSync(join(tmpdir(), "console-chromium-"));
  try {
    served = await startConsole({ cloud }, { port: 0, pollSeconds: 0.25 });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  } catch (error) {
    await context?.close();
    await served?.stop();
    await cloud.stop();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  const { fixtures } = matchDayFixtures(parseFootballData(readFileSync(SEASON, "utf8")));
  const feeds = fixtures.map((f) => matchFeed(f, { seed: 1, kickoffMs: Date.parse("2022-05-22T15:00:00Z"), runTag: "console" }));
  const feed = feeds.find((f) => f.script.incidents.some((i) => i.kind === "goal"))!;
  const tennisDay = tennisFeed.fixturesOfDay(parseTennisData(readFileSync(TENNIS_SEASON, "utf8")), { date: TENNIS_DAY });
  const tennis = tennisFeed.matchFeed(tennisDay.fixtures[0], { seed: 1, kickoffMs: Date.parse("2022-05-22T14:55:00Z"), runTag: "console" });
  const events = new EventBridgeClient({ endpoint: cloud.endpoint, region: cloud.region, credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  mkdirSync(SCREENSHOTS, { recursive: true });
  let posted = 0, tennisPosted = 0;
  const post = async (index: number) => {
    const { event, priceRelevant } = feed.events[index];
    await put([event]);
    await applied(event, priceRelevant);
  };
  const put = async (batch: FeedEvent[]) => {
    const out = await events.send(new PutEventsCommand({ Entries: batch.map((event) => feedEntry(event, cloud.busName)) }));
    if (out.FailedEntryCount) throw new Error(`PutEvents refused ${batch.map((e) => e.type).join(", ")}: ${JSON.stringify(out.Entries)}`);
  };
  const applied = async (event: FeedEvent, priceRelevant: boolean) => {
    const { table } = served!.app;
    await eventually(`${event.type} (seq ${event.seq}) applied${priceRelevant ? " and priced" : ""}`, async () => {
      const [state, match] = await Promise.all([table.state(event.matchId), table.match(event.matchId)]);
      if (!state || state.lastSeq < event.seq) return false;
      return !priceRelevant || (match?.priceVersion ?? 0) >= state.version * 100_000;
    });
    await cloud.idle({ timeoutMs: 20_000 });
  };
  return {
    cloud, console: served, browser: context, page, pageErrors, feed, tennis,
    async postUpTo(index) {
      for (; posted <= index; posted++) await post(posted);
    },
    async postTennisUpTo(index) {
      for (; tennisPosted <= index; tennisPosted++) {
        const { event, priceRelevant } = tennis.events[tennisPosted];
        await put([event]);
        await applied(event, priceRelevant);
      }
    },
    async shot(name) {
      await page.screenshot({ path: join(SCREENSHOTS, `console-${name}.png`), fullPage: true });
    },
    async stop() {
      await context!.close();
      await cloud.idle({ timeoutMs: 20_000 }).catch(() => undefined);
      await served!.stop();
      events.destroy();
      await cloud.stop();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Polls `done` every 50 ms until it holds; fails after `timeoutMs`. */
export async function eventually(what: string, done: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const chromiumMissing = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium; .ci/run does)`;

/** Opens a view by its hash and waits until it has drawn. */
export async function open(page: Page, url: string, hash: string): Promise<void> {
  await page.goto("about:blank");
  await page.goto(`${url}#/${hash}`);
  await page.waitForSelector("main[data-ready=true]");
}
