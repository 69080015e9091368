import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { feedEntry, type FeedEvent } from "@pricing/core/match/events";
import { sportGroups } from "@pricing/core/sports/registry";
import { chromiumMissing, eventually, open, startRig, type ConsoleRig } from "./browser-harness";

/**
 * The console in Chromium on a local cloud while a real fixture's feed is replayed
 * through the bus: what a trader sees must follow the engine live, without reloads.
 */
// chromiumMissing says why when Chromium is not installed (apt-get install chromium; .ci/run does).
describe.skipIf(chromiumMissing !== false)("console in the browser during a replay", () => {
  let rig: ConsoleRig;
  let url: string;
  let goalAt: number;
  let goal: Extract<FeedEvent, { type: "Goal Scored" }>;
  /** The tennis point the replay stops at: the first advantage after the first set (Sinner v Vukic: "6-2 1-2 40-A", Sinner serving). */
  let point: { score: string; server: "a" | "b" };

  beforeAll(async () => {
    rig = await startRig();
    url = rig.console.url;
    goalAt = rig.feed.events.findIndex((t) => t.event.type === "Goal Scored");
    goal = rig.feed.events[goalAt].event as typeof goal;
    const pointAt = rig.tennis.events.findIndex((t) => t.event.type === "Point Won" && /^\d+-\d+ \d+-\d+ (A-40|40-A)$/.test((t.event as unknown as { score: string }).score));
    point = rig.tennis.events[pointAt].event as unknown as typeof point;
    await rig.postTennisUpTo(pointAt);
    await rig.postUpTo(goalAt - 1);
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const noPageErrors = () => assert.deepEqual(rig.pageErrors, [], "the page logged errors");

  test("a goal moves the match's 1X2 odds on the Matches view, live", async () => {
    const { page, feed } = rig;
    await open(page, url, "matches");
    const row = page.locator(`tr[data-match-id="${feed.matchId}"]`);
    await row.locator("td[data-odds=home]", { hasNotText: "–" }).waitFor();
    assert.equal(await row.getAttribute("data-status"), "in play");
    const newestPriced = async () => Math.floor((await rig.console.app.table.match(feed.matchId))!.priceVersion! / 100_000);
    await eventually("the row shows the newest in-play prices", async () => Number(await row.getAttribute("data-priced-state-version")) === (await newestPriced()));
    const pricedBefore = Number(await row.getAttribute("data-priced-state-version"));
    const odds = async () => Promise.all(["home", "draw", "away"].map((k) => row.locator(`td[data-odds=${k}]`).innerText()));
    const before = await odds();
    assert.equal((await row.locator("td.score").innerText()).slice(0, 3), "0–0");
    await rig.shot("matches-before-goal");

    await rig.postUpTo(goalAt);
    const scored = goal.team === "home" ? "1–0" : "0–1";
    await eventually("the row shows the goal and the prices made after it", async () =>
      (await row.locator("td.score").innerText()).startsWith(scored) && Number(await row.getAttribute("data-priced-state-version")) > pricedBefore);
    // Groups publish one by one after a goal: the row's 1X2 cells follow once the
    // match-result group's new prices land, which may be after another group's.
    const side = goal.team === "home" ? 0 : 2;
    let afterGoal = before;
    await eventually(`the scoring side's 1X2 odds shorten from ${before}`, async () => {
      afterGoal = await odds();
      return Number(afterGoal[side]) < Number(before[side]);
    });
    assert.ok(Number(afterGoal[side]) < Number(before[side]), `the scoring side's odds shorten: ${before} -> ${afterGoal}`);
    await rig.shot("matches");

    await open(page, url, `matches/${feed.matchId}`);
    await page.locator('[data-chart="match-result"] canvas').first().waitFor();
    assert.equal(await page.locator("figure[data-chart]").count(), sportGroups("football").length, "one chart per market group");
    assert.match(await page.locator("table.events").innerText(), /Goal Scored/);
    await rig.shot("match");
    noPageErrors();
  });

  // The action goes round the bus, the reducer and a repricing before the ladder shows it:
  // seconds alone, longer beside the rest of the suite, so its waits are generous.
  test("a trader suspends a group from the Match page with a reason: the ladder shows it suspended with the reason, the event log who and why; resume brings its prices back", { timeout: 150_000 }, async () => {
    const { page, feed } = rig;
    await open(page, url, `matches/${feed.matchId}`);
    const panel = page.locator("section.trader");
    const suspend = panel.locator('tr[data-trader-group="totals"] button[data-trader-action="suspend-group"]');
    await suspend.waitFor();
    const totals = page.locator('details[data-group="totals"] > summary');
    assert.doesNotMatch(await totals.innerText(), /suspended/);
    const version = (await rig.console.app.table.state(feed.matchId))!.version;

    // No reason, no action.
    await suspend.click();
    await panel.locator("#trader-status", { hasText: "A reason is required" }).waitFor();
    assert.equal((await rig.console.app.table.state(feed.matchId))!.version, version, "nothing was put on the bus");

    await page.fill("#trader-reason", "injury news");
    await suspend.click();
    await panel.locator("#trader-status", { hasText: "Sent suspend-group totals as local" }).waitFor();
    await totals.filter({ hasText: "suspended: trader: injury news" }).waitFor({ timeout: 60_000 });
    await panel.locator('tr[data-trader-group="totals"]', { hasText: "suspended by local: injury news" }).waitFor();
    await page.locator("table.events tr", { hasText: "Trader Action" }).filter({ hasText: "suspend totals, by local: injury news" }).waitFor();
    assert.doesNotMatch(await page.locator('details[data-group="match-result"] > summary').innerText(), /suspended/, "other groups stay priced");
    await rig.shot("match-trader-suspended");

    await page.fill("#trader-reason", "news was wrong");
    await panel.locator('tr[data-trader-group="totals"] button[data-trader-action="resume-group"]').click();
    await totals.filter({ hasText: "markets" }).waitFor({ timeout: 60_000 });
    assert.doesNotMatch(await totals.innerText(), /suspended/);
    await page.locator("table.events tr", { hasText: "resume totals, by local: news was wrong" }).waitFor();
    noPageErrors();
  });

  test("Matches shows each match's sport; the sport, status and name filters narrow the list and stay in its address", async () => {
    const { page, feed, tennis } = rig;
    await open(page, url, "matches");
    const tennisRow = page.locator(`tr[data-match-id="${tennis.matchId}"]`);
    const footballRow = page.locator(`tr[data-match-id="${feed.matchId}"]`);
    assert.equal(await tennisRow.locator("td.sport").innerText(), "Tennis");
    assert.equal(await footballRow.locator("td.sport").innerText(), "Football");
    assert.match(await tennisRow.locator("th .sub").innerText(), /^Great Ocean Road Open · ATP · Hard · best of 3/);
    assert.equal(await tennisRow.getAttribute("data-status"), "in play");
    await tennisRow.locator("td[data-odds=home]", { hasNotText: "–" }).waitFor();
    assert.equal(await tennisRow.locator("td[data-odds=draw]").innerText(), "–", "a match winner has no draw");

    const sports = async () => page.locator("table.matches tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-sport")));
    assert.ok((await sports()).includes("football") && (await sports()).includes("tennis"));
    await page.locator("select[name=sport]").selectOption("tennis");
    assert.deepEqual(await sports(), ["tennis"]);
    assert.match(page.url(), /#\/matches\?sport=tennis$/);
    await rig.shot("matches-tennis");
    // A link keeps its filter.
    await open(page, url, "matches?sport=tennis");
    assert.deepEqual(await sports(), ["tennis"]);
    assert.equal(await page.locator("select[name=sport]").inputValue(), "tennis");

    await open(page, url, "matches?status=scheduled");
    assert.equal(await page.locator("table.matches tbody tr").count(), 0);
    await page.getByText("No match passes the filters.").waitFor();
    await page.locator("select[name=status]").selectOption("in play");
    const statuses = await page.locator("table.matches tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")));
    assert.ok(statuses.length >= 2 && statuses.every((s) => s === "in play"), `only matches in play: ${statuses.join(", ")}`);
    assert.match(page.url(), /status=in\+play/);

    await open(page, url, "matches");
    await page.getByRole("searchbox", { name: "Search team or player names" }).fill("VUKIC");
    assert.deepEqual(await page.locator("table.matches tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-match-id"))), [tennis.matchId]);
    assert.match(page.url(), /q=VUKIC/);
    noPageErrors();
  });

  test("a tennis match: the scoreboard reads the feed's score, breaks and set ends are marked on every chart, the ladder names the players", async () => {
    const { page, tennis } = rig;
    await open(page, url, `matches/${tennis.matchId}`);
    assert.equal(await page.locator(".match-header").getAttribute("data-sport"), "tennis");
    assert.equal(await page.locator("[data-facts]").innerText(), "Tennis · Great Ocean Road Open · ATP · Hard · best of 3 · final-set tiebreak");

    // The feed's score, read here on its own: completed sets, the games of the set in progress, the points (A is advantage).
    const tokens = point.score.split(" ").map((t) => t.split("-"));
    const expected = [0, 1].map((side) => [...tokens.slice(0, -1).map((t) => t[side]), tokens.at(-1)![side] === "A" ? "AD" : tokens.at(-1)![side]]);
    assert.deepEqual(expected, [["6", "1", "40"], ["2", "2", "AD"]], "Sinner 6-2 1-2 40-A");
    const board = page.locator("table.scoreboard");
    for (const side of [0, 1]) {
      const row = board.locator(`tbody tr[data-side="${side}"]`);
      assert.deepEqual(await row.locator("td").allInnerTexts(), expected[side]);
      assert.equal(await row.getAttribute("data-serving"), String((point.server === "a" ? 0 : 1) === side), "the server is marked");
    }
    assert.deepEqual(await board.locator("tbody th").allInnerTexts(), ["Sinner J.●", "Vukic A."].map((n, i) => (i === (point.server === "a" ? 0 : 1) ? n : n.replace("●", ""))));
    assert.deepEqual(await board.locator("thead th").allInnerTexts(), ["Side", "Set 1", "Games", "Points"]);
    assert.match(await board.locator("caption .badge").innerText(), /^in play$/);

    await page.locator('[data-chart="match-winner"] canvas').first().waitFor();
    assert.equal(await page.locator("figure[data-chart]").count(), 10, "one chart per tennis market group");
    for (const chart of await page.locator("figure[data-chart]").all()) {
      const group = await chart.getAttribute("data-chart");
      assert.ok(await chart.locator('.marker-label[data-kind="break"]').count() >= 1, `${group}: a break is marked`);
      assert.equal(await chart.locator('.marker-label[data-kind="set"]').innerText(), "Set 1 Sinner J. 6-2", `${group}: the first set's end is marked`);
      const boxes = await chart.locator(".marker-label").evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom })));
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) assert.ok(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, `${group}: marker labels overlap`);
      }
    }
    assert.match(await page.locator("table.events").innerText(), /point Sinner J\.: /);

    const cell = (group: string, key: string) => page.locator(`details[data-group="${group}"] td[data-key="${key}"]`).first();
    assert.equal(await cell("match-winner", "a").innerText(), "Sinner J.");
    assert.equal(await cell("match-winner", "b").innerText(), "Vukic A.");
    await page.locator('details[data-group="set-betting"] summary').click();
    assert.equal(await cell("set-betting", "2-1").innerText(), "Sinner J. 2-1");
    assert.equal(await cell("set-betting", "1-2").innerText(), "Vukic A. 2-1");
    await rig.shot("tennis-match");

    const scheduled = rig.feed.events[0].event as unknown as { homeTeam: string; awayTeam: string };
    await open(page, url, `matches/${rig.feed.matchId}`);
    assert.equal(await page.locator("table.scoreboard").count(), 0, "football keeps its score line");
    assert.equal(await cell("match-result", "home").innerText(), scheduled.homeTeam);
    assert.equal(await cell("match-result", "away").innerText(), scheduled.awayTeam);
    assert.equal(await cell("match-result", "draw").innerText(), "Draw");
    noPageErrors();
  });

  test("the Executions view shows the match's Lifecycle execution reaching Settled, with its history", async () => {
    const { page, feed } = rig;
    await open(page, url, "executions?machine=Lifecycle");
    await page.locator("table.executions td.run").getByText(feed.matchId, { exact: true }).click();
    await page.locator('g[data-state="AwaitFinalWhistle"][data-progress="current"]').waitFor({ timeout: 15_000 });

    const rest = rig.postUpTo(feed.events.length - 1);
    await page.locator('g[data-state="Settled"][data-progress="visited"]').waitFor({ timeout: 60_000 });
    await rest;
    await page.locator(".scoreline .badge", { hasText: "SUCCEEDED" }).waitFor();
    for (const state of ["Register", "PricePreEvent", "AwaitKickoff", "InPlay", "AwaitFinalWhistle", "AwaitResult", "Settle"]) {
      assert.equal(await page.locator(`g[data-state="${state}"]`).getAttribute("data-progress"), "visited", state);
    }
    assert.equal(await page.locator('g[data-state="Voided"]').getAttribute("data-progress"), "not visited");
    const history = page.locator("table.history-table tbody tr");
    assert.ok((await history.count()) > 20, "the event history is listed");
    assert.equal(await history.last().getAttribute("data-event-type"), "ExecutionSucceeded");
    await rig.shot("execution");
    await open(page, url, "executions");
    await rig.shot("executions");
    noPageErrors();
  });

  test("a message put on the match-events DLQ is shown with its reason and redriven from the Queues view", async () => {
    const { page, cloud, feed } = rig;
    const dlqUrl = Object.entries(cloud.resources.queues).find(([name]) => /MatchEventsQueueDlq/.test(name))![1];
    const matchId = `${feed.matchId}-redriven`;
    const scheduled = { ...feed.events[0].event, matchId, eventId: `${matchId}-1` } as FeedEvent;
    const entry = feedEntry(scheduled, cloud.busName);
    const body = JSON.stringify({
      version: "0", id: "console-dlq-1", "detail-type": entry.DetailType, source: entry.Source, account: cloud.accountId,
      time: new Date().toISOString(), region: cloud.region, resources: [], detail: JSON.parse(entry.Detail),
    });
    const sqs = new SQSClient({ endpoint: cloud.endpoint, region: cloud.region, credentials: { accessKeyId: "local", secretAccessKey: "local" } });
    await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: body }));
    sqs.destroy();

    await open(page, url, "queues");
    const dlq = page.locator('section[data-queue="MatchEventsQueueDlq"]');
    await dlq.locator("tbody tr").first().waitFor();
    assert.equal(await dlq.locator("tbody tr").count(), 1);
    assert.match(await dlq.locator("td.reason").innerText(), /dead-letter queue directly/);
    await rig.shot("queues");

    await page.getByRole("button", { name: "Redrive MatchEventsQueueDlq" }).click();
    await page.getByRole("status").filter({ hasText: "Redrive of MatchEventsQueueDlq started" }).waitFor();
    await dlq.getByText("0 messages").waitFor({ timeout: 15_000 });
    await cloud.idle({ timeoutMs: 20_000 });
    await open(page, url, "matches");
    await page.locator(`tr[data-match-id="${matchId}"]`).waitFor({ timeout: 15_000 });
    noPageErrors();
  });

  test("the Models and Cost views show the settled match's calibration and its projected cost", async () => {
    const { page } = rig;
    await open(page, url, "models");
    const matchResult = page.locator('tr[data-group="match-result"] td');
    assert.ok(Number(await matchResult.nth(10).innerText()) > 0, "selections of the settled match are scored");
    assert.match(await matchResult.nth(7).innerText(), /^\d+\.\d{4}$/, "a log-loss is shown");
    assert.equal(await page.locator("figure[data-reliability]").count(), sportGroups("football").length + sportGroups("tennis").length, "every group of both sports");
    await rig.shot("models");

    await open(page, url, "cost");
    assert.match(await page.locator("[data-total]").innerText(), /^\$\d/);
    assert.notEqual(await page.locator("[data-total]").innerText(), "$0");
    await rig.shot("cost");
    noPageErrors();
  });
});
