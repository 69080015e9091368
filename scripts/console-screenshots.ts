/**
 * The README's console screenshots, one of each view, from the mixed match day: a short
 * replay on a local cloud (Sinner v Vukic into the second set, a Premier League fixture
 * past its first goal, later to full time and settlement), driven in Chromium and written
 * to docs/ at 1280 px wide.
 *
 *   npx tsx scripts/console-screenshots.ts
 */
import { join } from "node:path";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { Locator, Page } from "playwright-core";
import { feedEntry, type FeedEvent } from "@pricing/core/match/events";
import { eventually, open, startRig } from "../test/console/browser-harness";

const DOCS = join(import.meta.dirname, "../docs");
const written: string[] = [];

/** The viewport, or the whole page where a view runs long. */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(DOCS, `console-${name}.png`), fullPage });
  written.push(name);
}

/** A view from an element down, `height` px of it. */
async function from(page: Page, top: Locator, name: string, height = 1000): Promise<void> {
  const box = (await top.boundingBox())!;
  const y = Math.max(0, box.y + Number(await page.evaluate("scrollY")) - 12);
  await page.screenshot({ path: join(DOCS, `console-${name}.png`), fullPage: true, clip: { x: 0, y, width: 1280, height } });
  written.push(name);
}

/** One part of a view. */
async function part(locator: Locator, name: string): Promise<void> {
  await locator.screenshot({ path: join(DOCS, `console-${name}.png`) });
  written.push(name);
}

/** Moves the scrubber to stop `step` and waits for the ladder of that moment. */
async function scrubTo(page: Page, step: number): Promise<void> {
  const before = await page.locator("#scrubber-at").getAttribute("data-at");
  const range = page.locator("#scrubber");
  await range.evaluate((el, value) => {
    (el as unknown as { value: string }).value = String(value);
  }, step);
  await range.dispatchEvent("input");
  await eventually(`the scrubber at step ${step}`, async () => {
    const at = await page.locator("#scrubber-at").getAttribute("data-at");
    return at !== before && at !== null && at === (await page.locator("[data-ladder-at]").getAttribute("data-ladder-at"));
  });
}

/** Opens a match and waits for its charts. */
async function openMatch(page: Page, url: string, matchId: string): Promise<void> {
  await open(page, url, `matches/${matchId}`);
  await page.locator("figure.chart-card canvas").first().waitFor();
}

const rig = await startRig();
try {
  const { page, feed, tennis, cloud } = rig;
  const url = rig.console.url;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });

  const pointAt = tennis.events.findIndex((t) => t.event.type === "Point Won" && /^\d+-\d+ \d+-\d+ (A-40|40-A)$/.test((t.event as unknown as { score: string }).score));
  await rig.postTennisUpTo(pointAt);
  const goalAt = feed.events.findIndex((t) => t.event.type === "Goal Scored");
  await rig.postUpTo(goalAt + 4);

  await open(page, url, "matches?status=in+play");
  await shot(page, "matches");

  // A match's charts and scrubber (the trader panel above them has its own picture).
  const history = page.locator("#history-h");
  await openMatch(page, url, feed.matchId);
  await from(page, history, "football-match");

  await openMatch(page, url, tennis.matchId);
  await from(page, history, "tennis-match");

  // Time travel: the stop before the goal's, its prices still open.
  await openMatch(page, url, feed.matchId);
  const goal = page.locator("#scrubber-marks option", { hasText: "Goal" }).first();
  await goal.waitFor({ state: "attached" });
  await scrubTo(page, Number(await goal.getAttribute("value")) - 1);
  await from(page, history, "time-travel");

  // The trader panel, with the totals held for a reason; then resumed.
  await openMatch(page, url, feed.matchId);
  const trader = page.locator("section.trader");
  await page.fill("#trader-reason", "injury news");
  await trader.locator('tr[data-trader-group="totals"] button[data-trader-action="suspend-group"]').click();
  await trader.locator('tr[data-trader-group="totals"]', { hasText: "suspended by local: injury news" }).waitFor({ timeout: 20_000 });
  await part(trader, "trader");
  await page.fill("#trader-reason", "news was wrong");
  await trader.locator('tr[data-trader-group="totals"] button[data-trader-action="resume-group"]').click();
  await trader.locator('tr[data-trader-group="totals"]', { hasText: "suspended by local" }).waitFor({ state: "detached", timeout: 20_000 });

  // The same match in the dark theme.
  await page.emulateMedia({ colorScheme: "dark" });
  await openMatch(page, url, feed.matchId);
  await from(page, history, "dark-match");
  await page.emulateMedia({ colorScheme: "light" });

  // Full time and settlement.
  await rig.postUpTo(feed.events.length - 1);
  await openMatch(page, url, feed.matchId);
  await page.locator("details[data-group] .badge.outcome-won").first().waitFor();
  await from(page, page.locator("#settlement-h"), "settled-match", 900);

  await open(page, url, `executions?machine=PriceMatch&match=${encodeURIComponent(feed.matchId)}`);
  await shot(page, "executions");

  await open(page, url, "executions?machine=Lifecycle");
  await page.locator("table.executions td.run").getByText(feed.matchId, { exact: true }).click();
  await page.locator('g[data-state="Register"]').click();
  await page.locator("section.state-panel h4", { hasText: "Register" }).waitFor();
  // Down to the state's panel under the graph.
  const panel = page.locator("section.state-panel");
  const height = (await panel.boundingBox())!.y + (await panel.boundingBox())!.height + Number(await page.evaluate("scrollY")) + 16;
  await from(page, page.locator("body"), "execution", Math.ceil(height));

  await open(page, url, "models");
  await from(page, page.locator("body"), "models", 1150);

  // A dead letter to show on Queues: a feed event put on the DLQ directly.
  const dlqUrl = Object.entries(cloud.resources.queues).find(([name]) => /MatchEventsQueueDlq/.test(name))![1];
  const entry = feedEntry({ ...feed.events[0].event, matchId: `${feed.matchId}-late`, eventId: `${feed.matchId}-late-1` } as FeedEvent, cloud.busName);
  const sqs = new SQSClient({ endpoint: cloud.endpoint, region: cloud.region, credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  await sqs.send(new SendMessageCommand({
    QueueUrl: dlqUrl,
    MessageBody: JSON.stringify({
      version: "0", id: "console-dlq-1", "detail-type": entry.DetailType, source: entry.Source, account: cloud.accountId,
      time: new Date().toISOString(), region: cloud.region, resources: [], detail: JSON.parse(entry.Detail),
    }),
  }));
  sqs.destroy();
  await open(page, url, "queues");
  await page.locator('section[data-queue="MatchEventsQueueDlq"] tbody tr').first().waitFor();
  await shot(page, "queues", true);

  await open(page, url, "cost");
  await shot(page, "cost", true);

  console.log(`wrote ${written.map((n) => `docs/console-${n}.png`).join(", ")}`);
} finally {
  await rig.stop();
}
