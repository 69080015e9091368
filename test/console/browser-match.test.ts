import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import type { FeedEvent } from "@pricing/core/match/events";
import { CHROMIUM, chromiumMissing, open, startRig, type ConsoleRig } from "./browser-harness";

/**
 * The Match view as a trader reads it, in Chromium on a local cloud while a real
 * football fixture and a real tennis match are replayed: outcomes instead of prices once
 * markets are decided, the feed's times in the viewer's zone, charts on the match clock,
 * the ladder by line with overrounds, and time travel through a goal.
 */
// chromiumMissing says why when Chromium is not installed (apt-get install chromium; .ci/run does).
describe.skipIf(chromiumMissing !== false)("the Match view as a trader's screen", () => {
  /** A zone far from UTC (and from the machine's), so that a time shown in UTC or the server's zone fails. */
  const ZONE = "America/New_York";
  let rig: ConsoleRig;
  let url: string;
  let browser: Browser;
  /** A page whose browser runs in ZONE. */
  let zoned: Page;
  let goal: Extract<FeedEvent, { type: "Goal Scored" }>;

  beforeAll(async () => {
    rig = await startRig();
    url = rig.console.url;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
    zoned = await (await browser.newContext({ timezoneId: ZONE, viewport: { width: 1440, height: 900 } })).newPage();
    const goalAt = rig.feed.events.findIndex((t) => t.event.type === "Goal Scored");
    goal = rig.feed.events[goalAt].event as typeof goal;
    // The first goal and the event after it: markets open, the goal's reprice made.
    await rig.postUpTo(goalAt + 1);
    // Tennis into its second set: a set end and games to tick.
    const secondSet = rig.tennis.events.findIndex((t) => t.event.type === "Point Won" && (t.event as unknown as { score: string }).score.split(" ").length === 3);
    await rig.postTennisUpTo(secondSet + 1);
  });

  afterAll(async () => {
    await browser?.close();
    await rig?.stop();
  });

  const noPageErrors = () => assert.deepEqual(rig.pageErrors, [], "the page logged errors");
  const viewerTime = (iso: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, ...options }).format(new Date(iso));

  /** Boxes of a chart's marker labels: no two may overlap. */
  async function assertNoOverlap(chart: Locator, what: string): Promise<void> {
    const boxes = await chart.locator(".marker-label").evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom })));
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) assert.ok(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, `${what}: marker labels overlap`);
    }
  }

  const legendValues = (chart: Locator) => chart.locator(".u-legend .u-series").evaluateAll((rows) => rows.slice(1).map((r) => r.querySelector(".u-value")?.textContent ?? ""));
  const legendLabels = (chart: Locator) => chart.locator(".u-legend .u-series").evaluateAll((rows) => rows.slice(1).map((r) => r.querySelector(".u-label")?.textContent ?? ""));

  test("charts: a switch between probability and decimal odds, legends with the current values unhovered and the hovered ones on hover, every line of a market on one chart", async () => {
    const { page, feed } = rig;
    await open(page, url, `matches/${feed.matchId}`);
    const chart = page.locator('figure[data-chart="match-result"]');
    await chart.locator("canvas").first().waitFor();
    // The 1X2's home row (draw no bet has a home row too).
    const home = page.locator('details[data-group="match-result"] tr[data-selection="home"] td.offered').first();
    const offered = await home.innerText();
    assert.match(offered, /^\d+\.\d\d$/);

    // Nothing hovered: the newest values, in the mode shown.
    assert.deepEqual(await legendLabels(chart), [feedTeam(0), "Draw", feedTeam(2)], "the sides by name");
    const unhovered = await legendValues(chart);
    assert.match(unhovered[0], new RegExp(`^\\d+\\.\\d% @ ${offered.replace(".", "\\.")}$`), `the legend shows the newest probability and offered odds: ${unhovered}`);

    // Hovering the start of the chart shows the first prices, leaving it the newest again.
    await chart.locator(".u-over").scrollIntoViewIfNeeded();
    const box = (await chart.locator(".u-over").boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await assertEventually(async () => (await legendValues(chart))[0] !== unhovered[0], "the legend follows the cursor");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height + 200);
    await assertEventually(async () => (await legendValues(chart))[0] === unhovered[0], "the legend goes back to the newest values");

    await page.getByRole("radio", { name: "Decimal odds" }).check();
    await assertEventually(async () => (await chart.locator(".uplot").getAttribute("data-mode")) === "odds", "the chart redraws in odds");
    assert.equal(await chart.locator(".uplot").getAttribute("data-y-title"), "Offered odds (decimal)");
    assert.match((await legendValues(chart))[0], new RegExp(`^${offered.replace(".", "\\.")} \\(\\d+\\.\\d%\\)$`));
    await page.getByRole("radio", { name: "Probability" }).check();

    // Totals: the market list reads by line as numbers, and every line can be compared on one chart.
    const totals = page.locator('figure[data-chart="totals"]');
    const options = await totals.locator("select option").allTextContents();
    const lines = options.filter((o) => /^Total goals [\d.]+$/.test(o)).map((o) => Number(o.split(" ").at(-1)));
    assert.ok(lines.length > 2, `several totals lines: ${options}`);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b), "lines in numeric order");
    const every = options.find((o) => o.startsWith("Every line"))!;
    await totals.locator("select").selectOption({ label: every });
    await assertEventually(async () => (await totals.getAttribute("data-market")) === "total-goals|*", "every line charted");
    const compared = await legendLabels(totals);
    assert.deepEqual(compared, lines.map((l) => `Over ${l}`), "one line per total, in order");
    assert.ok((await legendValues(totals)).every((v) => /%/.test(v)), "each line's current value shown");
    await rig.shot("match-compare-lines");
    noPageErrors();
  });

  test("the ladder: sides by name, markets by line as numbers, each market's overround, decided markets show their outcome", async () => {
    const { page, feed } = rig;
    await open(page, url, `matches/${feed.matchId}`);
    const totals = page.locator('details[data-group="totals"]');
    await totals.locator("summary").click();
    const markets = await totals.locator("th[data-market]").evaluateAll((ths) => ths.map((t) => t.getAttribute("data-market")!));
    const lines = markets.filter((m) => m.startsWith("total-goals|")).map((m) => Number(m.split("|")[1]));
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b), `totals by line: ${lines}`);

    // A goal has been scored: over 0.5 is won, under 0.5 lost, and no price is shown for them.
    const decided = totals.locator("tr", { has: page.locator('th[data-market="total-goals|0.5"]') });
    assert.equal(await decided.locator("td[data-outcome]").getAttribute("data-outcome"), "won");
    const under = totals.locator('th[data-market="total-goals|0.5"]').locator("xpath=../following-sibling::tr[1]");
    assert.equal(await under.locator("td[data-outcome]").getAttribute("data-outcome"), "lost");

    // Open markets: the overround read from the offered odds.
    const result = page.locator('details[data-group="match-result"]');
    const head = result.locator('th[data-market="1x2|-"]');
    const overround = Number(await head.getAttribute("data-overround"));
    const odds = (await result.locator("tbody tr").evaluateAll((rows) => rows.slice(0, 3).map((r) => r.querySelector("td.offered")?.textContent ?? ""))).map(Number);
    assert.ok(Math.abs(overround - (odds.reduce((s, o) => s + 1 / o, 0) - 1)) < 1e-6, `overround ${overround} from ${odds}`);
    assert.match(await head.innerText(), /overround \d+\.\d%/);
    assert.equal(await result.locator('td[data-key="home"]').first().innerText(), feedTeam(0));

    // Text content: the groups not opened are not rendered.
    const cells = await page.locator("table.ladder td").allTextContents();
    const bad = cells.filter((c) => c.trim() === "1000.00" || c.trim() === "–" || c.trim() === "");
    assert.deepEqual(bad, [], "no price of 1000 and no bare dash");
    await rig.shot("match-ladder");
    noPageErrors();
  });

  test("time travel: the scrubber shows a goal's before (its prices), the goal (suspended) and the reprice", async () => {
    const { page, feed, console: served } = rig;
    await open(page, url, `matches/${feed.matchId}`);
    const log = await served.app.table.eventLog(feed.matchId);
    const goalLogged = Date.parse(log.find((e) => e.type === "Goal Scored")!.loggedAt);
    const sets = await served.app.table.priceSets(feed.matchId, { group: "match-result" });
    const before = sets.filter((s) => Date.parse(s.asOf) < goalLogged).at(-1)!;
    const after = sets.find((s) => Date.parse(s.asOf) >= goalLogged && s.stateVersion > before.stateVersion)!;
    const homeOdds = (set: typeof before) => set.markets[0].selections.find((s) => s.key === "home")!.odds!.toFixed(2);

    const mark = page.locator("#scrubber-marks option", { hasText: "Goal" }).first();
    await mark.waitFor({ state: "attached" });
    assert.equal(Date.parse((await mark.getAttribute("data-at"))!), goalLogged, "the goal's stop is when it arrived");
    const step = Number(await mark.getAttribute("value"));
    const result = page.locator('details[data-group="match-result"]');
    const home = result.locator('tr[data-selection="home"] td.offered').first();

    await scrubTo(page, step - 1);
    assert.equal(await result.locator("summary .badge.suspended").count(), 0, "open before the goal");
    assert.equal(await home.innerText(), homeOdds(before), "the pre-goal prices");
    const legendOdds = async () => (await legendValues(page.locator('figure[data-chart="match-result"]')))[0].split(" @ ")[1];
    assert.equal(await legendOdds(), homeOdds(before), "the chart's legend at the moment");

    await scrubTo(page, step);
    assert.match(await result.locator("summary").innerText(), /suspended: Goal /, "suspended for the goal");
    assert.equal(await home.innerText(), "suspended");
    assert.equal(await legendOdds(), homeOdds(before), "the chart's legend on the last prices made before the goal");
    assert.ok(await page.locator("details[data-group] summary .badge.suspended").count() >= 2, "every group waits for the reprice");
    await rig.shot("match-time-travel-goal");

    await scrubTo(page, step + 1);
    assert.equal(await result.locator("summary .badge.suspended").count(), 0, "repriced");
    assert.equal(await home.innerText(), homeOdds(after));
    assert.equal(await legendOdds(), homeOdds(after));
    assert.notEqual(homeOdds(after), homeOdds(before));

    await page.getByRole("button", { name: "Live" }).click();
    await page.locator('[data-ladder-at="live"]').waitFor();
    noPageErrors();
  });

  test("tennis: points, games and sets on the axis, labels that never overlap, a review suspends the markets with its reason", async () => {
    const { page, tennis } = rig;
    await open(page, url, `matches/${tennis.matchId}`);
    const chart = page.locator('figure[data-chart="match-winner"]');
    await chart.locator("canvas").first().waitFor();
    const plot = chart.locator(".uplot");
    assert.equal(await plot.getAttribute("data-axis"), "point");
    const ticks = (await plot.getAttribute("data-ticks"))!.split(",");
    assert.ok(ticks.includes("Start") && ticks.includes("Set 2"), `sets on the axis: ${ticks}`);
    assert.ok(ticks.some((t) => /^\d+-\d+$/.test(t)), `games on the axis: ${ticks}`);
    assert.equal(await page.locator("[data-kickoff]").innerText(), await page.evaluate((iso) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }).format(new Date(iso)), (tennis.events[0].event as unknown as { start: string }).start));
    for (const figure of await page.locator("figure[data-chart]").all()) await assertNoOverlap(figure, `tennis ${await figure.getAttribute("data-chart")}`);

    const review = page.locator("#scrubber-marks option", { hasText: "Play suspended" }).first();
    await review.waitFor({ state: "attached" });
    await scrubTo(page, Number(await review.getAttribute("value")));
    const reason = (await review.getAttribute("label"))!;
    assert.match(await page.locator('details[data-group="match-winner"] summary').innerText(), new RegExp(`suspended: ${reason}`));
    assert.match(await page.locator("#scrubber-at").innerText(), /^Set 1, games \d+-\d+, point \d+ · /, "the moment on the match clock");
    noPageErrors();
  });

  test("the fixture's date and kick-off are the feed's, the event log is in the viewer's zone, charts run on the match clock with half time marked (into the second half)", async () => {
    const { feed } = rig;
    // Into the second half, past half time.
    await rig.postUpTo(feed.events.findIndex((t) => t.event.type === "Period Started" && (t.event as { period?: string }).period === "2H") + 1);
    const scheduled = feed.events[0].event as unknown as { kickoff: string };
    await zoned.goto(`${url}#/matches/${feed.matchId}`);
    await zoned.waitForSelector("main[data-ready=true]");
    assert.equal(await zoned.locator("[data-fixture-date]").innerText(), viewerTime(scheduled.kickoff, { weekday: "short", day: "numeric", month: "short", year: "numeric" }));
    assert.match(await zoned.locator("[data-fixture-date]").innerText(), /2022$/, "the fixture's year, not today's");
    assert.equal(await zoned.locator("[data-kickoff]").innerText(), viewerTime(scheduled.kickoff, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }));
    assert.match(await zoned.locator("[data-kickoff]").innerText(), /^11:00 /, "15:00 UTC is 11:00 in New York in May");

    const goalRow = zoned.locator("table.events tbody tr", { hasText: "Goal Scored" }).first();
    assert.equal(await goalRow.locator("td").nth(1).innerText(), viewerTime(goal.occurredAt, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }));
    assert.match(await zoned.locator("table.events caption").innerText(), new RegExp(ZONE));

    const chart = zoned.locator('figure[data-chart="match-result"]');
    await chart.locator("canvas").first().waitFor();
    const plot = chart.locator(".uplot");
    assert.equal(await plot.getAttribute("data-axis"), "minute");
    assert.equal(await plot.getAttribute("data-x-title"), "Match clock (minutes)");
    assert.equal(await plot.getAttribute("data-y-title"), "Fair probability (%)");
    const ticks = (await plot.getAttribute("data-ticks"))!.split(",");
    assert.ok(ticks.includes("KO") && ticks.includes("45'"), `minute ticks from kick-off: ${ticks}`);
    assert.ok(ticks.every((t) => /^(KO|\d+')$/.test(t)), `no wall-clock times on the axis: ${ticks}`);
    assert.equal(await chart.locator('.marker-label[data-kind="half-time"]').innerText(), "HT", "half time is marked");
    assert.equal(await chart.locator('.marker-label[data-kind="goal"]').first().innerText(), `${goal.team === "home" ? "H" : "A"} goal ${goal.minute}'`);
    for (const figure of await zoned.locator("figure[data-chart]").all()) await assertNoOverlap(figure, `football ${await figure.getAttribute("data-chart")}`);
  });

  test("a settled match: every market shows how it settled, the settlement table reads by line as numbers", async () => {
    const { page, feed } = rig;
    await rig.postUpTo(feed.events.length - 1);
    await open(page, url, `matches/${feed.matchId}`);
    await page.locator("#settlement-h").waitFor({ timeout: 30_000 });
    const rows = await page.locator("table.settlement tbody tr").evaluateAll((trs) => trs.map((t) => t.getAttribute("data-market")!));
    const lines = rows.filter((m) => m.startsWith("total-goals|")).map((m) => Number(m.split("|")[1]));
    assert.ok(lines.length > 2);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b), `settlement by line: ${lines}`);

    const cells = await page.locator("table.ladder td.offered, table.ladder td.num").allTextContents();
    assert.deepEqual(cells, [], "no prices once settled: outcomes only");
    const outcomes = await page.locator("table.ladder td[data-outcome]").evaluateAll((tds) => tds.map((t) => t.getAttribute("data-outcome")));
    assert.ok(outcomes.length > 0 && outcomes.every((o) => ["won", "lost", "void", "push", "half-won", "half-lost"].includes(o!)), `outcomes: ${[...new Set(outcomes)]}`);
    assert.ok(outcomes.includes("won") && outcomes.includes("lost"));
    await rig.shot("match-settled");
    noPageErrors();
  });

  function feedTeam(side: 0 | 2): string {
    const scheduled = rig.feed.events[0].event as unknown as { homeTeam: string; awayTeam: string };
    return side === 0 ? scheduled.homeTeam : scheduled.awayTeam;
  }
});

/** Moves the scrubber to stop `step` and waits for the ladder of that moment. */
async function scrubTo(page: Page, step: number): Promise<void> {
  const range = page.locator("#scrubber");
  const before = await page.locator("#scrubber-at").getAttribute("data-at");
  await range.evaluate((el, value) => {
    (el as unknown as { value: string }).value = String(value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, step);
  await assertEventually(async () => {
    const at = await page.locator("#scrubber-at").getAttribute("data-at");
    const ladder = await page.locator("[data-ladder-at]").getAttribute("data-ladder-at");
    return at !== before && at !== null && at === ladder;
  }, `the scrubber at step ${step}`);
}

/** Polls `done` until it holds (the page draws asynchronously); fails after 10 s. */
async function assertEventually(done: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await done())) {
    if (Date.now() > deadline) assert.fail(`${what}: not within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
