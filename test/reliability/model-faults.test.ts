import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import type { FeedEvent } from "@pricing/core/match/events";
import { loadState } from "@pricing/core/store/match-state";
import { engineTable } from "@pricing/core/store/table";
import { fromPriceVersion, priceVersionEntity } from "@pricing/core/store/price-set";
import { RealClock } from "@pricing/local";
import {
  allEnded, aroundInvoke, failedInvocation, lifecycle, postFeed, prng, runSeed, startHarness, waitFor, type EngineEvent, type Harness,
} from "./cloud";
import { RELIABILITY_SPORTS, type ReliabilitySport } from "./sports";

type MarketGroup = string;

const FAULT_RATE = 0.2;
/** Simulated seconds per real second: a 10-second tick every third of a second, a 10-second model timeout likewise. */
const SPEED = 30;
const IN_PLAY_SECONDS = 180;
const seed = runSeed();
/** One group of each sport's first match whose model fails at every repricing. */
const BROKEN_GROUP: Record<ReliabilitySport["sport"], MarketGroup> = { football: "correct-score", tennis: "set-betting" };
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock: new RealClock({ speed: SPEED, startMs: Date.parse("2024-08-17T14:00:00Z") }) });
});
afterAll(() => h?.stop());

/** Invocations per block of the fault schedule: one of each block fails, at a random place in it. */
const FAULT_BLOCK = Math.round(1 / FAULT_RATE);

/**
 * Model invocations (each a batch of groups) that throw ModelError, or run past the
 * function's timeout: one invocation in every FAULT_BLOCK, at a random place in its block,
 * blocks alternating between the two kinds. Stratified rather than an independent roll per
 * invocation so the rate holds on a run's few dozen invocations whatever the seed (a
 * Bernoulli roll gave 6 faults in 78 once). In every other invocation that holds the broken
 * group, that group's model throws (it is asked for a margin no model can offer) and the
 * rest of the batch is priced.
 */
function injectModelFaults(random: () => number, sport: ReliabilitySport, BROKEN: { matchId: string; group: MarketGroup }) {
  const faults = { errors: 0, timeouts: 0, broken: 0, invocations: 0 };
  let failAt = 0;
  const undo = aroundInvoke(h.cloud, async (fn, event, proceed) => {
    if (!fn.logicalId.startsWith(sport.modelFunction)) return proceed();
    const n = faults.invocations++;
    const block = Math.floor(n / FAULT_BLOCK);
    if (n % FAULT_BLOCK === 0) failAt = Math.floor(random() * FAULT_BLOCK);
    // One match's batch, or one batch for each of several matches (PriceMatch's jobs path: a batch of clock ticks).
    type Batch = { matchId: string; groups: MarketGroup[]; margins?: Record<string, number> };
    const input = event as Batch | { jobs: Batch[] };
    const batches = "jobs" in input ? input.jobs : [input];
    const fails = n % FAULT_BLOCK === failAt;
    if (fails && block % 2 === 0) {
      faults.errors++;
      return failedInvocation("ModelError", `${batches.flatMap((b) => b.groups).join(", ")}: injected failure`);
    }
    if (fails) {
      faults.timeouts++;
      await h.clock.sleep(fn.timeoutSeconds * 1000);
      return failedInvocation("Sandbox.Timedout", `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`);
    }
    const breaks = (b: Batch) => b.matchId === BROKEN.matchId && b.groups.includes(BROKEN.group);
    if (batches.some(breaks)) {
      faults.broken++;
      const broken = batches.map((b) => (breaks(b) ? { ...b, margins: { ...b.margins, [BROKEN.group]: 5 } } : b));
      return proceed("jobs" in input ? { jobs: broken } : broken[0]);
    }
    return proceed();
  });
  return { faults, undo };
}

/** The groups a publication names: priced or suspended (a partial publication names just the groups it repriced). */
const coveredBy = (p: EngineEvent): MarketGroup[] => [...p.detail.groups, ...p.detail.suspended];
/** The match's stored price versions by price version. */
async function storedVersions(matchId: string) {
  const { data } = await engineTable().entity(priceVersionEntity).query.byVersion({ matchId }).go({ pages: "all" });
  return new Map(data.map((v) => [v.priceVersion, v]));
}

const published = (matchId: string) => h.engine.filter((e) => e.type === "Prices Published" && e.detail.matchId === matchId);

/** Posts the matches' events ten at a time, each batch once the one before it is applied (a tennis match is longer than the sequence window). */
async function postLive(feeds: FeedEvent[][], from: (f: FeedEvent[]) => number): Promise<void> {
  const longest = Math.max(...feeds.map((f) => f.length));
  for (let i = 0; i < longest; i += 10) {
    for (const f of feeds) if (from(f) + i < f.length) await postFeed(h, f.slice(from(f) + i, from(f) + i + 10));
    await waitFor(async () => {
      for (const f of feeds) if ((await loadState(f[0].matchId)).lastSeq < Math.min(f.length, from(f) + i + 10)) return false;
      return true;
    }, `batch ${i / 10 + 1} applied`, { timeoutMs: 120_000 });
  }
}

describe.each(RELIABILITY_SPORTS)(`model faults: $sport (seed ${seed})`, (sport) => {
  const feeds = sport.feeds(`model-${sport.sport}`, sport.matches(3), seed);
  const BROKEN = { matchId: feeds[0][0].matchId, group: BROKEN_GROUP[sport.sport] };
  const MARKET_GROUPS = sport.groups;

  test(`${FAULT_RATE * 100}% of model invocations fail or time out: retries price every group; a group that keeps failing is suspended and reported, never re-published stale`, async () => {
    const injected = injectModelFaults(prng(seed), sport, BROKEN);
    const ids = feeds.map((f) => f[0].matchId);
    const kickoff = (f: (typeof feeds)[number]) => f.findIndex((e) => e.type === "Match Started") + 1;
    if (sport.clock) {
      // In play on the clock alone: the ticks reprice, then the rest of the match.
      for (const feed of feeds) await postFeed(h, feed.slice(0, kickoff(feed)));
      const inPlayUntil = h.clock.now() + IN_PLAY_SECONDS * 1000;
      await waitFor(async () => h.clock.now() >= inPlayUntil, "the in-play period", { timeoutMs: (IN_PLAY_SECONDS / SPEED) * 1000 * 3 });
      for (const feed of feeds) await postFeed(h, feed.slice(kickoff(feed)));
    } else {
      // Every point reprices: the match as it arrives live.
      await postLive(feeds, () => 0);
    }
    await waitFor(allEnded(h, ids), "every Lifecycle's end", { timeoutMs: 120_000 });
    await h.cloud.idle({ timeoutMs: 120_000 });
    injected.undo();

    const { faults } = injected;
    assert.ok(faults.errors + faults.timeouts >= Math.floor(faults.invocations / FAULT_BLOCK), JSON.stringify(faults));
    assert.ok(faults.timeouts > 0 && faults.errors > 0, JSON.stringify(faults));
    for (const id of ids) assert.deepEqual((await lifecycle(h, id)).entered, sport.settledPath, id);

    for (const [k, matchId] of ids.entries()) {
      const pubs = published(matchId);
      const repricings = sport.clock ? IN_PLAY_SECONDS / 10 : feeds[k].filter((e) => e.type === "Point Won").length;
      assert.ok(pubs.length >= repricings / 2, `${matchId}: ${pubs.length} publications for ${repricings} repricings`);
      const stored = await storedVersions(matchId);
      for (const p of pubs) {
        // Every group the publication covers is in exactly one list: priced now, or suspended now.
        const covered = coveredBy(p);
        assert.equal(new Set(covered).size, covered.length, `${matchId} v${p.detail.priceVersion}: a group named twice`);
        const version = stored.get(p.detail.priceVersion);
        assert.ok(version, `${matchId} v${p.detail.priceVersion}: stored`);
        // A full publication names every group; a partial (group-limited) one names just the groups its version holds.
        const expected = version.partial === true ? version.groups.map((g) => g.group) : [...MARKET_GROUPS];
        if (version.partial === true) assert.ok(expected.length < MARKET_GROUPS.length && expected.every((g) => MARKET_GROUPS.includes(g)), `${matchId} v${p.detail.priceVersion}: partial ${expected}`);
        assert.deepEqual([...covered].sort(), [...expected].sort(), `${matchId} v${p.detail.priceVersion}`);
      }
      const healthy = matchId === BROKEN.matchId ? MARKET_GROUPS.filter((g) => g !== BROKEN.group) : [...MARKET_GROUPS];
      // Retries absorb random faults; a group that still failed is priced again by the match's next publication that covers it.
      pubs.forEach((p, i) => {
        for (const g of p.detail.suspended.filter((s: MarketGroup) => healthy.includes(s))) {
          const next = pubs.slice(i + 1).find((q) => coveredBy(q).includes(g));
          if (next) assert.ok(next.detail.groups.includes(g), `${matchId}: ${g} suspended at v${p.detail.priceVersion} and still at its next publication v${next.detail.priceVersion}`);
        }
      });
      // Every healthy group was priced at some publication.
      for (const g of healthy) assert.ok(pubs.some((p) => p.detail.groups.includes(g)), `${matchId}: ${g} never priced`);
      const suspendedAfterRetries = pubs.flatMap((p) => p.detail.suspended.filter((s: MarketGroup) => healthy.includes(s))).length;
      const healthyPublished = pubs.flatMap((p) => coveredBy(p).filter((g) => healthy.includes(g))).length;
      assert.ok(suspendedAfterRetries <= 0.02 * healthyPublished, `${matchId}: ${suspendedAfterRetries} of ${healthyPublished} group publications suspended after retries`);
    }
  });

  test("the broken group is suspended in every publication, announced each time, and its stored prices are never stale ones", async () => {
    // A partial (group-limited) publication that does not cover the broken group says nothing of it.
    const pubs = published(BROKEN.matchId).filter((p) => coveredBy(p).includes(BROKEN.group));
    assert.ok(pubs.length > 0, "publications covering the broken group");
    for (const p of pubs) assert.ok(p.detail.suspended.includes(BROKEN.group) && !p.detail.groups.includes(BROKEN.group), `v${p.detail.priceVersion}`);
    const mine = (type: string) => h.engine.filter((e: EngineEvent) => e.type === type && e.detail.matchId === BROKEN.matchId);
    const failures = mine("Model Failed").filter((e) => e.detail.group === BROKEN.group);
    assert.ok(failures.length >= pubs.length, `${failures.length} Model Failed for ${pubs.length} publications`);
    for (const p of pubs) {
      const suspension = mine("Markets Suspended").find((e) => e.detail.reason === "model failure" && e.detail.stateVersion === p.detail.stateVersion && e.detail.groups.includes(BROKEN.group));
      assert.ok(suspension && suspension.atMs <= p.atMs, `v${p.detail.priceVersion}: suspension announced with the publication`);
    }
    const sets = [...(await storedVersions(BROKEN.matchId)).values()].flatMap((v) => fromPriceVersion(v));
    const broken = sets.filter((s) => s.group === BROKEN.group);
    assert.equal(broken.length, pubs.length);
    for (const s of broken) {
      assert.equal(s.status, "suspended");
      assert.deepEqual(s.markets, []);
    }
    const healthy = sets.filter((s) => s.group !== BROKEN.group && s.status === "priced");
    // Every other group was priced with markets (a tennis group may rightly offer none at some scores: no tiebreak left to play).
    for (const group of MARKET_GROUPS.filter((g) => g !== BROKEN.group)) assert.ok(healthy.some((s) => s.group === group && s.markets.length > 0), `${group} priced`);
  });
});

describe("model faults: a batch of clock ticks", () => {
  const sport = RELIABILITY_SPORTS.find((s) => s.clock)!;
  const feeds = sport.feeds("model-batch", 2, seed);

  test("a batch's model invocation that keeps failing publishes each match's groups suspended, with Model Failed for each; the next tick prices them again", async () => {
    const ids = feeds.map((f) => f[0].matchId);
    const kickoff = (f: FeedEvent[]) => f.findIndex((e) => e.type === "Match Started") + 1;
    // Every model invocation of the jobs path fails (retries included); one match's own repricings (its events') are untouched.
    let failing = true;
    let failed = 0;
    const undo = aroundInvoke(h.cloud, async (fn, event, proceed) => {
      if (!fn.logicalId.startsWith(sport.modelFunction) || !failing || !("jobs" in (event as object))) return proceed();
      failed++;
      return failedInvocation("ModelError", "injected: the whole batch fails");
    });
    try {
      for (const feed of feeds) await postFeed(h, feed.slice(0, kickoff(feed)));
      const allSuspended = (matchId: string) => h.engine.filter((e) => e.type === "Prices Published" && e.detail.matchId === matchId && e.detail.groups.length === 0
        && e.detail.suspended.length === sport.groups.length);
      await waitFor(async () => ids.every((id) => allSuspended(id).length > 0), "a tick's publication with every group suspended", { timeoutMs: 60_000 });
      assert.ok(failed >= 3, `${failed} failed invocations: the first and its retries`);
      for (const id of ids) {
        const p = allSuspended(id)[0];
        const failures = h.engine.filter((e) => e.type === "Model Failed" && e.detail.matchId === id && e.detail.stateVersion === p.detail.stateVersion);
        assert.deepEqual([...new Set(failures.map((e) => e.detail.group))].sort(), [...sport.groups].sort(), id);
        assert.ok(failures.every((e) => e.detail.error.name === "ModelError"));
        const suspension = h.engine.find((e) => e.type === "Markets Suspended" && e.detail.matchId === id && e.detail.reason === "model failure" && e.detail.stateVersion === p.detail.stateVersion);
        assert.ok(suspension && suspension.atMs <= p.atMs, `${id}: the suspension announced with the publication`);
      }
      failing = false;
      const after = h.engine.length;
      await waitFor(async () => ids.every((id) => h.engine.slice(after).some((e) => e.type === "Prices Published" && e.detail.matchId === id && e.detail.groups.length === sport.groups.length)),
        "a later tick prices every group", { timeoutMs: 60_000 });
    } finally {
      undo();
    }
    for (const feed of feeds) await postFeed(h, feed.slice(kickoff(feed)));
    await waitFor(allEnded(h, ids), "every Lifecycle's end", { timeoutMs: 120_000 });
  });
});
