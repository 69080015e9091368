import { describe, expect, test } from "vitest";
import { COMMON_EVENT_TYPES, eventSport, type FeedEventBase } from "@pricing/core/match/feed-event";
import { applyEvent } from "@pricing/core/match/reducer";
import { sequence } from "@pricing/core/match/sequencer";
import { emptyState, type MatchState } from "@pricing/core/match/state";
import { Epoch } from "@pricing/core/match/epoch";
import { MalformedEventError, parseFeedEvent, FEED_SOURCE } from "@pricing/core/match/events";
import { pricingJob } from "@pricing/core/match/flows/load";
import type { BatchResult, PricedGroup } from "@pricing/core/match/flows/model";
import { marketsOfWire } from "@pricing/core/margin/offer-encoding";
import { settlementKey } from "@pricing/core/markets/settlement-key";
import { seededRandom } from "@pricing/core/math/random";
import { sportFeedOf, type MatchFeed } from "@pricing/core/sports/feed";
import { SPORT_IDS, sportOf } from "@pricing/core/sports/registry";

/**
 * The suite every sport module passes, run for each sport in the registry: its event
 * schemas refuse bad input with reasons, its reducer folds a feed to the same state
 * however the feed is duplicated or reordered in transit, every market its model
 * function prices sums to 1 with pushes, decided markets carry the outcome settlement
 * gives them, and settlement covers every selection ever offered, for a finished and
 * for an abandoned match. The matches are the sport's own feed simulator's examples.
 */
const SEEDS = [1, 2, 3];
const TOLERANCE = 1e-9;

type ModelHandler = (input: { matchId: string; groups: string[]; situation: unknown }) => Promise<BatchResult>;
async function modelOf(sport: string): Promise<ModelHandler> {
  const [file, name] = sportOf(sport).modelHandler.split(/\.(?=[^.]+$)/);
  const module = await import(/* @vite-ignore */ new URL(`../../${file}.ts`, import.meta.url).href);
  return module[name] as ModelHandler;
}

function fold(events: FeedEventBase[]): MatchState {
  let state = emptyState(events[0].matchId);
  for (const e of events) state = applyEvent(state, e).state;
  return state;
}

/** The feed as a transport may deliver it: every event once or twice, reordered within a few places. */
function delivered(events: FeedEventBase[], seed: number): FeedEventBase[] {
  const random = seededRandom(seed, "delivery");
  const out = events.flatMap((e) => (random.unit() < 0.3 ? [e, e] : [e]));
  for (let i = 0; i < out.length - 1; i++) {
    const j = Math.min(out.length - 1, i + random.int(0, 4));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function sequenced(events: FeedEventBase[], at: string): MatchState {
  let state = emptyState(events[0].matchId);
  for (const e of events) state = sequence(state, e, at).state;
  return state;
}

/** Every event of a whole match, with its state after it and the prices made then. */
async function walk(sport: string, feed: MatchFeed) {
  const model = await modelOf(sport);
  const steps: Array<{ state: MatchState; results: PricedGroup[] }> = [];
  let state = emptyState(feed.matchId);
  for (const { event, atMs } of feed.events) {
    state = { ...applyEvent(state, event).state, version: state.version + 1 };
    const job = pricingJob(state, new Date(atMs + 1000).toISOString());
    const batches = job.priceable ? await Promise.all(job.batches.map((groups) => model({ matchId: feed.matchId, groups, situation: job.situation }))) : [];
    // Every group of the plan priced once: a model that throws at a state it was given is a failure of the sport.
    expect(batches.flatMap((b) => b.failures)).toEqual([]);
    const results = batches.flatMap((b) => b.results);
    expect(results.map((r) => r.group)).toEqual(job.groups);
    // Each group read back from its wire form, as Publish stores it.
    steps.push({ state, results: results.map((r) => ({ group: r.group, status: "priced" as const, markets: r.status === "priced" ? marketsOfWire(r.group, r.markets) : [] })) });
  }
  return steps;
}

const close = (a: number, b: number, what: string) => expect(Math.abs(a - b) <= TOLERANCE, `${what}: ${a} vs ${b}`).toBe(true);

/**
 * Each example match of the first seed walked once, event by event, and priced at every
 * step: the two tests that read whole walks share them. One seed: a walk prices every
 * group at every event, and the first price of each format builds the model's curves, so
 * a second seed's matches (in tennis the same set scores at other odds) cost as much again
 * for no new kind of state; the schema and reducer tests still read both seeds.
 */
const walks = new Map<string, Promise<Array<{ feed: MatchFeed; steps: Awaited<ReturnType<typeof walk>> }>>>();
function walkedExamples(sport: string) {
  let known = walks.get(sport);
  if (!known) {
    known = (async () => {
      const out = [];
      for (const feed of (await sportFeedOf(sport)).examples(SEEDS[0])) out.push({ feed, steps: await walk(sport, feed) });
      return out;
    })();
    walks.set(sport, known);
  }
  return known;
}

describe.each(SPORT_IDS)("the sport contract: %s", (id) => {
  const sport = sportOf(id);
  const examples = async () => (await sportFeedOf(id)).examples(SEEDS[0]).concat((await sportFeedOf(id)).examples(SEEDS[1]));

  test("declares the common events, and abandonment gives its reason", () => {
    for (const type of COMMON_EVENT_TYPES) expect(Object.hasOwn(sport.events, type), type).toBe(true);
    const abandoned = (sport.events as Record<string, { safeParse(x: unknown): { success: boolean } }>)["Match Abandoned"];
    const base = { eventId: "e", matchId: "m", seq: 2, occurredAt: "2030-01-01T00:00:00Z", ...(id === "football" ? {} : { sport: id }) };
    expect(abandoned.safeParse(base).success).toBe(false);
    expect(abandoned.safeParse({ ...base, reason: "floodlights" }).success).toBe(true);
  });

  test("every event schema refuses a detail without a required field, naming it; unknown types and sports are refused", async () => {
    const feeds = await examples();
    const seen = new Map<string, FeedEventBase>();
    for (const f of feeds) for (const { event } of f.events) if (!seen.has(event.type)) seen.set(event.type, event);
    expect(seen.size).toBeGreaterThanOrEqual(6);
    const envelope = (type: string, detail: unknown) => ({ source: FEED_SOURCE, "detail-type": type, detail });
    for (const [type, event] of seen) {
      const { type: _, ...detail } = event as FeedEventBase & Record<string, unknown>;
      expect(parseFeedEvent(envelope(type, detail))).toEqual(event);
      for (const field of ["eventId", "matchId", "seq", "occurredAt", ...Object.keys(detail).filter((k) => !["sport"].includes(k))]) {
        const schema = (sport.events as Record<string, { safeParse(x: unknown): { success: boolean } }>)[type];
        const without = { ...detail } as Record<string, unknown>;
        delete without[field];
        if (schema.safeParse(without).success) continue; // an optional field
        let error: unknown;
        try { parseFeedEvent(envelope(type, without)); } catch (err) { error = err; }
        expect(error, `${type} without ${field}`).toBeInstanceOf(MalformedEventError);
        expect((error as Error).message, `${type} without ${field}`).toContain(field);
      }
    }
    expect(() => parseFeedEvent(envelope("Goal Celebrated Wildly", { sport: id }))).toThrow(/unknown detail-type/);
    expect(() => parseFeedEvent(envelope("Match Started", { ...seen.get("Match Started"), sport: "curling" }))).toThrow(/unknown sport/);
  });

  test("the reducer folds a feed to one state however it is duplicated and reordered", async () => {
    for (const [k, feed] of (await examples()).entries()) {
      const events = feed.events.map((e) => e.event);
      const inOrder = fold(events);
      expect(inOrder.sport).toBe(id);
      expect(eventSport(events[0])).toBe(id);
      for (const seed of SEEDS) {
        const at = new Date(feed.events[0].atMs).toISOString();
        const got = sequenced(delivered(events, seed * 100 + k), at);
        expect(got.parked).toEqual([]);
        expect(got).toEqual(inOrder);
      }
    }
  });

  test("every market priced along a match sums to 1 with its push; decided markets carry their settlement", async () => {
    let markets = 0;
    let decided = 0;
    for (const { feed, steps } of await walkedExamples(id)) {
      const final = steps.at(-1)!.state;
      const own = (final as unknown as Record<string, unknown>)[id];
      const settled = final.epoch === Epoch.Abandoned ? null : new Map(sport.settle(own, { abandoned: false }).markets.map((m) => [m.key, new Map(m.selections.map((s) => [s.key, s.outcome]))]));
      for (const { results } of steps) {
        for (const r of results) {
          expect(r.status, `${feed.matchId} ${r.group}`).toBe("priced");
          for (const m of r.markets) {
            markets++;
            const what = `${feed.matchId} ${m.key}@${m.line}`;
            for (const s of m.selections) {
              expect(s.probability >= 0 && s.probability <= 1 + TOLERANCE && s.push >= 0 && s.push <= 1 + TOLERANCE, what).toBe(true);
              if (s.fairOdds !== null) close(s.fairOdds * s.probability, 1 - s.push, `${what} ${s.key} zero EV`);
              if (s.odds !== null) expect(s.odds >= 1.01 && (s.fairOdds === null || s.odds <= s.fairOdds + TOLERANCE), `${what} ${s.key} offered ${s.odds} fair ${s.fairOdds}`).toBe(true);
            }
            const wins = m.selections.reduce((sum, s) => sum + s.probability, 0) + m.selections[0].push;
            expect(Math.abs(wins - Math.round(wins)) <= 1e-6 && Math.round(wins) >= 1, `${what}: selections sum to ${wins}`).toBe(true);
            if (m.status === "decided") {
              decided++;
              for (const s of m.selections) {
                expect(s.outcome, `${what} ${s.key}`).toBeDefined();
                if (settled) expect(settled.get(settlementKey(m))?.get(s.key), `${what} ${s.key} decided ${s.outcome}`).toBe(s.outcome);
              }
            }
          }
        }
      }
    }
    expect(markets).toBeGreaterThan(1000);
    expect(decided).toBeGreaterThan(0);
  });

  test("settlement covers every selection offered, for a finished match and an abandoned one; every group offered settles some market won", async () => {
    // Over the matches played: a group whose every market settles void (or is never settled) fails.
    const groupsWon = new Map<string, boolean>();
    for (const { feed, steps } of await walkedExamples(id)) {
      const offered = new Map<string, Set<string>>();
      for (const { results } of steps) for (const r of results) for (const m of r.markets) {
        const keys = offered.get(settlementKey(m)) ?? new Set();
        for (const s of m.selections) keys.add(s.key);
        offered.set(settlementKey(m), keys);
      }
      const final = steps.at(-1)!.state;
      expect(final.epoch, feed.matchId).toBe(Epoch.Confirmed);
      const own = (final as unknown as Record<string, unknown>)[id];
      const covered = (how: { abandoned: boolean }, state: unknown, upTo: Map<string, Set<string>>) => {
        const settlement = sport.settle(state, how);
        const settled = new Map(settlement.markets.map((m) => [m.key, new Set(m.selections.map((s) => s.key))]));
        for (const [key, selections] of upTo) {
          expect(settled.has(key), `${feed.matchId}: ${key} offered, not settled (${how.abandoned ? "abandoned" : "finished"})`).toBe(true);
          for (const s of selections) expect(settled.get(key)!.has(s), `${feed.matchId}: ${key} ${s}`).toBe(true);
        }
        return settlement;
      };
      // A match that was played has a result to settle on; one that never started (a walkover) may not.
      const played = steps.some((s) => s.state.epoch === Epoch.InPlay);
      if (played) {
        const settlement = covered({ abandoned: false }, own, offered);
        expect(settlement.result, feed.matchId).not.toBeNull();
        const won = new Set(settlement.markets.filter((m) => m.selections.some((s) => s.outcome === "won")).map((m) => m.key));
        for (const { results } of steps) for (const r of results) for (const m of r.markets) groupsWon.set(r.group, (groupsWon.get(r.group) ?? false) || won.has(settlementKey(m)));
      } else covered({ abandoned: false }, own, offered);
      // Abandoned halfway through play: everything offered until then settles, void or standing.
      if (!played) continue;
      const inPlay = steps.findIndex((s) => s.state.epoch === Epoch.FullTime);
      const cut = Math.max(1, Math.floor(inPlay / 2));
      const before = new Map<string, Set<string>>();
      for (const { results } of steps.slice(0, cut)) for (const r of results) for (const m of r.markets) before.set(settlementKey(m), new Set(m.selections.map((s) => s.key)));
      const last = feed.events[cut - 1].event;
      const abandoned = applyEvent(steps[cut - 1].state, { type: "Match Abandoned", eventId: "abandon", matchId: feed.matchId, seq: last.seq + 1, occurredAt: last.occurredAt, reason: "floodlights", ...(id === "football" ? {} : { sport: id }) } as FeedEventBase).state;
      expect(abandoned.epoch).toBe(Epoch.Abandoned);
      const settlement = covered({ abandoned: true }, (abandoned as unknown as Record<string, unknown>)[id], before);
      expect(settlement.markets.some((m) => m.selections.every((s) => s.outcome === "void")), "something is void").toBe(true);
    }
    expect(groupsWon.size).toBeGreaterThan(0);
    for (const [group, any] of groupsWon) expect(any, `no ${group} market offered settled won`).toBe(true);
  });
});
