import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { EXECUTION_PAGE_DEFAULT } from "@pricing/console/api";
import { feedEntry, type FeedEvent } from "@pricing/core/match/events";
import { chromiumMissing, eventually, open, startRig, type ConsoleRig } from "./browser-harness";

/** The day the extra football match is scheduled on: a week after the replayed day. */
const LATER_DAY = "2022-05-29";
const DURATION = /^\d+:\d{2}:\d{2}(\.\d{3})?$/;

/** Relative luminance of a CSS rgb() colour (WCAG 2). */
function luminance(css: string): number {
  const [r, g, b] = css.match(/[\d.]+/g)!.slice(0, 3).map(Number).map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

/**
 * Finding things in the console while a mixed football and tennis day is replayed:
 * the Matches list's search, filters and order, the Executions list's filters and
 * pages, a state's input and output, the dark theme, and a link to a match the stage
 * does not have.
 */
describe.skipIf(chromiumMissing !== false)("console lists in the browser", () => {
  let rig: ConsoleRig;
  let url: string;
  let laterMatchId: string;

  beforeAll(async () => {
    rig = await startRig();
    url = rig.console.url;
    // Enough tennis points for more than one page of pricing runs, and the football match under way.
    await rig.postTennisUpTo(Math.min(rig.tennis.events.length - 1, EXECUTION_PAGE_DEFAULT + 15));
    await rig.postUpTo(3);
    // A third match, a week later: what the date filter tells apart.
    laterMatchId = `${rig.feed.matchId}-later`;
    const scheduled = { ...rig.feed.events[0].event, matchId: laterMatchId, eventId: `${laterMatchId}-1`, kickoff: `${LATER_DAY}T15:00:00.000Z` } as FeedEvent;
    const bus = new EventBridgeClient({ endpoint: rig.cloud.endpoint, region: rig.cloud.region, credentials: { accessKeyId: "local", secretAccessKey: "local" } });
    await bus.send(new PutEventsCommand({ Entries: [feedEntry(scheduled, rig.cloud.busName)] }));
    bus.destroy();
    await eventually("the later match is scheduled", async () => (await rig.console.app.table.match(laterMatchId)) !== null);
    await rig.cloud.idle({ timeoutMs: 20_000 });
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const noPageErrors = () => assert.deepEqual(rig.pageErrors, [], "the page logged errors");
  const rowIds = () => rig.page.locator("table.matches tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-match-id")));

  test("Matches: a search on the competition, a fixture date range and a column's order, all kept in a link", async () => {
    const { page, feed, tennis } = rig;
    await open(page, url, "matches");
    assert.deepEqual(new Set(await rowIds()), new Set([feed.matchId, tennis.matchId, laterMatchId]));

    await page.getByRole("searchbox", { name: "Search team or player names" }).fill("great ocean");
    assert.deepEqual(await rowIds(), [tennis.matchId], "the competition's name is searched");
    await page.getByRole("searchbox", { name: "Search team or player names" }).fill("");

    const day = await page.locator(`tr[data-match-id="${feed.matchId}"] td.kickoff`).getAttribute("data-date");
    assert.equal(day, "2022-05-22", "the fixture's date as the feed gave it");
    await page.getByLabel("Fixtures from").fill(LATER_DAY);
    await page.getByLabel("Fixtures from").dispatchEvent("change");
    assert.deepEqual(await rowIds(), [laterMatchId]);
    await page.getByLabel("Fixtures to").fill(day!);
    await page.getByLabel("Fixtures to").dispatchEvent("change");
    assert.deepEqual(await rowIds(), [], "from after to: no day between");
    await page.getByText("No match passes the filters.").waitFor();
    await page.getByLabel("Fixtures from").fill(day!);
    await page.getByLabel("Fixtures from").dispatchEvent("change");
    assert.deepEqual(new Set(await rowIds()), new Set([feed.matchId, tennis.matchId]), "one day: the replayed day's two matches");
    assert.match(page.url(), new RegExp(`from=${day}&to=${day}`));

    await page.getByLabel("Fixtures from").fill("");
    await page.getByLabel("Fixtures from").dispatchEvent("change");
    await page.getByLabel("Fixtures to").fill("");
    await page.getByLabel("Fixtures to").dispatchEvent("change");
    const kickoff = page.locator("table.matches thead th", { has: page.locator('button[data-sort="kickoff"]') });
    await kickoff.locator("button").click();
    assert.equal(await kickoff.getAttribute("aria-sort"), "ascending");
    assert.equal((await rowIds()).at(-1), laterMatchId, "the latest kick-off last");
    await page.locator('button[data-sort="kickoff"]').click();
    assert.equal(await page.locator("table.matches thead th", { has: page.locator('button[data-sort="kickoff"]') }).getAttribute("aria-sort"), "descending");
    assert.equal((await rowIds())[0], laterMatchId, "the latest kick-off first");
    assert.match(page.url(), /sort=-kickoff/);
    await page.locator('button[data-sort="competition"]').click();
    const competitions = await page.locator("table.matches tbody td.competition").allInnerTexts();
    assert.deepEqual(competitions, [...competitions].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    assert.notDeepEqual(competitions, [...competitions].reverse(), "two competitions to order");

    // The link of a filtered, ordered list opens it the same.
    await open(page, url, `matches?q=premier&from=${day}&to=${LATER_DAY}&sort=-kickoff`);
    assert.deepEqual(await rowIds(), [laterMatchId, feed.matchId]);
    assert.equal(await page.getByLabel("Fixtures from").inputValue(), day);
    assert.equal(await page.getByRole("searchbox", { name: "Search team or player names" }).inputValue(), "premier");
    noPageErrors();
  });

  test("Executions: filtered by machine, match, status and failure on the server, a page at a time; a run is named by its match and trigger", async () => {
    const { page, tennis } = rig;
    await open(page, url, "executions");
    const rows = page.locator("table.executions tbody tr");
    assert.ok((await rows.count()) <= EXECUTION_PAGE_DEFAULT, "a page, not every execution");

    await page.getByLabel("State machine").selectOption("PriceMatch");
    await page.locator("table.executions caption", { hasText: "of" }).waitFor();
    await eventually("only PriceMatch runs", async () => (await rows.evaluateAll((r) => r.map((x) => x.getAttribute("data-machine")))).every((m) => m === "PriceMatch"));
    await page.getByLabel("Match", { exact: true }).selectOption(tennis.matchId);
    await eventually("only the tennis match's runs", async () => {
      const ids = await rows.evaluateAll((r) => r.map((x) => x.getAttribute("data-match-id")));
      return ids.length > 0 && ids.every((id) => id === tennis.matchId);
    });
    assert.match(page.url(), new RegExp(`#/executions\\?machine=PriceMatch&match=${tennis.matchId}`));
    const first = page.locator("table.executions tbody tr[data-run]").first();
    assert.equal(await first.locator("td").first().innerText(), "Sinner J. v Vukic A.", "the run's match by its players");
    assert.match(await first.locator("td.run").innerText(), /^[A-Z][a-z]+( [A-Z][a-z]+)* · \d+ groups?$/, "its trigger and groups, not a uuid");
    assert.match(await first.locator("td[data-duration]").innerText(), DURATION);
    assert.equal(await rows.count(), EXECUTION_PAGE_DEFAULT, "more runs than a page");
    await rig.shot("executions-filtered");

    const firstPage = await rows.evaluateAll((r) => r.map((x) => x.getAttribute("data-run")));
    await page.locator('a[data-page="next"]').click();
    await page.waitForSelector("main[data-ready=true]");
    await page.locator('a[data-page="first"]').waitFor();
    const secondPage = await rows.evaluateAll((r) => r.map((x) => x.getAttribute("data-run")));
    assert.ok(secondPage.length > 0 && secondPage.every((k) => !firstPage.includes(k)), "the next page holds other runs");
    assert.match(page.url(), /next=/);
    await page.goBack();
    await page.waitForSelector("main[data-ready=true]");
    await eventually("back on the first page", async () => (await rows.first().getAttribute("data-run")) === firstPage[0] || (await rows.count()) === EXECUTION_PAGE_DEFAULT);

    await page.getByLabel("Status").selectOption("FAILED");
    await page.locator("table.executions caption, main .message").first().waitFor();
    await eventually("the list is filtered", async () => /status=FAILED/.test(page.url()));
    await eventually("only failed runs, or none", async () =>
      (await page.getByText("No execution passes the filters.").count()) === 1
      || (await rows.evaluateAll((r) => r.map((x) => x.getAttribute("data-status")))).every((s) => s === "FAILED"));
    noPageErrors();
  });

  test("Execution: a state chosen in the graph shows its input and output as folding JSON, and its duration as h:mm:ss", async () => {
    const { page, feed } = rig;
    await open(page, url, "executions?machine=Lifecycle");
    await page.locator("table.executions td.run").getByText(feed.matchId, { exact: true }).click();
    const register = page.locator('g[data-state="Register"]');
    await register.waitFor();
    await page.getByText("Choose a state in the graph to see its input and output.").waitFor();
    await register.click();
    const panel = page.locator("section.state-panel");
    await panel.locator("h4", { hasText: "Register" }).waitFor();
    assert.equal(await page.locator('g[data-state="Register"]').getAttribute("aria-pressed"), "true");
    assert.match(page.url(), /\?state=Register$/);
    assert.match(await panel.locator("dd[data-duration]").innerText(), DURATION);
    const input = panel.getByRole("group", { name: "Input", exact: true });
    assert.match(await input.innerText(), new RegExp(`matchId: "${feed.matchId}"`));
    const root = input.locator("details.json-node").first();
    assert.equal(await root.getAttribute("open"), "", "the top level starts open");
    await root.locator(":scope > summary").click();
    assert.equal(await root.getAttribute("open"), null, "and folds shut");
    assert.equal(await input.locator(".json-key", { hasText: "matchId" }).first().isVisible(), false);
    await root.locator(":scope > summary").click();
    assert.equal(await input.locator(".json-key", { hasText: "matchId" }).first().isVisible(), true);
    assert.ok(await panel.getByRole("group", { name: "Output", exact: true }).count() === 1, "the state has left: its output is shown");

    // By keyboard: another state, the panel follows.
    await page.locator('g[data-state="PricePreEvent"]').focus();
    await page.keyboard.press("Enter");
    await panel.locator("h4", { hasText: "PricePreEvent" }).waitFor();
    for (const cell of await page.locator("table.history-table td:nth-child(4)").allInnerTexts()) assert.match(cell, DURATION);
    await rig.shot("execution-state");

    // The link keeps the state.
    await page.reload();
    await page.waitForSelector("main[data-ready=true]");
    await panel.locator("h4", { hasText: "PricePreEvent" }).waitFor();
    noPageErrors();
  });

  test("the console follows the system's dark theme; charts draw in its colours and redraw when it changes", async () => {
    const { page, feed } = rig;
    /** A computed style of the first element a selector finds, read in the page. */
    const style = (selector: string, property: "backgroundColor" | "color") =>
      page.locator(selector).first().evaluate((el, p) => el.ownerDocument.defaultView!.getComputedStyle(el)[p], property);
    const colours = async () => ({ background: await style("html", "backgroundColor"), ink: await style("html", "color"), head: await style("table.matches thead th", "backgroundColor") });
    /** The colour the chart's axes and their text are drawn in (the canvas's, as the chart records it), as rgb(). */
    const chartInk = () => page.locator("figure.chart-card .uplot").first().evaluate((el) => {
      const probe = el.ownerDocument.createElement("span");
      probe.style.color = el.getAttribute("data-ink") ?? "";
      el.append(probe);
      const rgb = el.ownerDocument.defaultView!.getComputedStyle(probe).color;
      probe.remove();
      return rgb;
    });
    try {
      await page.emulateMedia({ colorScheme: "light" });
      await open(page, url, "matches");
      const light = await colours();
      assert.ok(luminance(light.background) > 0.8, `a light page: ${light.background}`);
      assert.ok(contrast(light.ink, light.background) >= 7, "dark ink on it");

      await page.emulateMedia({ colorScheme: "dark" });
      const dark = await colours();
      assert.ok(luminance(dark.background) < 0.05, `a dark page: ${dark.background}`);
      assert.ok(contrast(dark.ink, dark.background) >= 7, `light ink on it: ${dark.ink}`);
      assert.ok(luminance(dark.head) < 0.1, "table headers go dark too");
      await rig.shot("dark-matches");

      // A match's charts opened in the light theme, then the system turns dark: they are drawn again in its colours.
      await page.emulateMedia({ colorScheme: "light" });
      await open(page, url, `matches/${feed.matchId}`);
      await page.locator("figure.chart-card canvas").first().waitFor();
      const lightChart = { background: await style("figure.chart-card", "backgroundColor"), axis: await chartInk() };
      assert.ok(contrast(lightChart.axis, lightChart.background) >= 4.5, `the axes read on the light card: ${lightChart.axis} on ${lightChart.background}`);

      await page.emulateMedia({ colorScheme: "dark" });
      await eventually("the chart is drawn in the dark theme's colours", async () => (await chartInk()) !== lightChart.axis);
      const chart = { background: await style("figure.chart-card", "backgroundColor"), ink: await style("figure.chart-card", "color"), axis: await chartInk() };
      assert.ok(luminance(chart.background) < 0.05, `a dark surface under the chart: ${chart.background}`);
      assert.notEqual(chart.axis, lightChart.axis, "the axes' colour follows the theme");
      assert.ok(contrast(chart.axis, chart.background) >= 4.5, `the axes and their text read on the dark card: ${chart.axis} on ${chart.background}`);
      assert.ok(contrast(chart.ink, chart.background) >= 7, `the chart's legend reads on its card: ${chart.ink} on ${chart.background}`);
      await rig.shot("dark-match");
    } finally {
      await page.emulateMedia({ colorScheme: "light" });
    }
    noPageErrors();
  });

  test("a link to a match the stage does not have says so once: no failed request, no repeated error, no endless loading", async () => {
    const { page } = rig;
    await open(page, url, "matches/no-such-match");
    await page.locator("main h2", { hasText: "Unknown match" }).waitFor();
    const messages = page.locator("main .message");
    assert.equal(await messages.count(), 1);
    assert.match(await messages.innerText(), /no match no-such-match/);
    assert.equal(await page.getByText("Loading…").count(), 0);
    assert.equal(await page.getByRole("alert").count(), 0, "not an error");
    assert.equal(await page.title(), "Unknown match · Pricing console");

    // Changes on the stage refresh the page: it still says it once.
    const seen = await page.locator("#live").getAttribute("data-last-change");
    await rig.postUpTo(5);
    await eventually("a change reaches the page", async () => (await page.locator("#live").getAttribute("data-last-change")) !== seen);
    await rig.cloud.idle({ timeoutMs: 20_000 });
    assert.equal(await messages.count(), 1);
    assert.equal(await page.locator("main h2").count(), 1);
    noPageErrors();
  });
});
