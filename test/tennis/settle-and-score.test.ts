import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { InputError } from "@pricing/core/errors";
import {
  parseScore, parseTennisData, priceMatch, RETIREMENT_RULE, settleMarkets, type MatchRules,
} from "@pricing/core/sports/tennis/index";

const BO3: MatchRules = { bestOf: 3, finalSet: "tiebreak7", noAd: false };
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const strength = { sum: 1.28, difference: 0.04, spread: 0.07 };

describe("scores as written", () => {
  test("completed sets, the set in progress and the points", () => {
    const s = parseScore("6-4 3-2 30-15", "a", BO3);
    assert.deepEqual(s.sets, [[6, 4]]);
    assert.deepEqual(s.current, { gamesA: 3, gamesB: 2, pointsA: 2, pointsB: 1, server: "a" });
    assert.deepEqual(parseScore("6-4 6-6 5-3", "b", BO3).current, { gamesA: 6, gamesB: 6, pointsA: 5, pointsB: 3, server: "b" });
    assert.deepEqual(parseScore("0-0 40-A", "a", BO3).current.pointsB, 4);
  });
  test("impossible scores are InputErrors with a stable code", () => {
    for (const text of ["7-3", "6-4 8-6", "6-4 3-2 50-15", "6-4 6-3 1-0", "6-4 3-2 A-15"]) {
      assert.throws(() => parseScore(text, "a", BO3), (e: unknown) => e instanceof InputError && e.code === "tennis.invalid_score", text);
    }
  });
});

describe(`settlement (${RETIREMENT_RULE})`, () => {
  const markets = priceMatch({ strength, rules: BO3, lines: { totalGames: [15.5, 22.5] } });
  test("a completed match settles every selection", () => {
    const settled = settleMarkets(markets, { status: "completed", sets: [[6, 4], [3, 6], [7, 6]] }, BO3);
    const by = (key: string, line: number | null = null) => settled.find((s) => s.key === key && s.line === line)!.outcomes;
    assert.deepEqual(by("match-winner"), { a: "won", b: "lost" });
    assert.equal(by("set-betting")["2-1"], "won");
    assert.deepEqual(by("tiebreak"), { yes: "won", no: "lost" });
    assert.deepEqual(by("total-games", 22.5), { over: "won", under: "lost" });
    assert.deepEqual(by("set-1-winner"), { a: "won", b: "lost" });
  });
  test("a retirement settles what was decided and voids the rest", () => {
    const settled = settleMarkets(markets, { status: "retired", sets: [[6, 4]], unfinished: [5, 2] }, BO3);
    const by = (key: string, line: number | null = null) => settled.find((s) => s.key === key && s.line === line)!.outcomes;
    assert.deepEqual(by("match-winner"), { a: "void", b: "void" });
    assert.deepEqual(by("total-games", 15.5), { over: "won", under: "lost" });
    assert.deepEqual(by("total-games", 22.5), { over: "void", under: "void" });
    assert.deepEqual(by("set-1-winner"), { a: "won", b: "lost" });
    assert.deepEqual(by("set-handicap", 1.5), { a: "won", b: "lost" });
  });
  test("a walkover voids everything", () => {
    for (const s of settleMarkets(markets, { status: "walkover", sets: [] }, BO3)) assert.ok(Object.values(s.outcomes).every((o) => o === "void"));
  });
});

describe("tennis-data.co.uk files", () => {
  test("ATP 2019: every row parsed or rejected with a reason", () => {
    const file = parseTennisData(read("data/tennis-data/ATP_2019.csv"));
    assert.equal(file.matches.length + file.rejects.length, 2610);
    assert.equal(file.matches.filter((m) => m.status === "completed").length, 2530);
    assert.equal(file.matches.filter((m) => m.status === "retired").length, 57);
    assert.equal(file.rejectCounts['unhandled comment "Awarded"'], 1);
    const first = file.matches[0];
    assert.equal(first.winner, "Dimitrov G.");
    assert.deepEqual(first.sets, [[6, 3], [6, 4]]);
    assert.deepEqual(first.pinnacle, { winner: 1.36, loser: 3.37 });
    assert.equal(first.date, "2018-12-31");
  });
  test("a file that is not tennis-data is an InputError", () => {
    assert.throws(() => parseTennisData("Div,Date\nE0,01/01/2020\n"), (e: unknown) => e instanceof InputError && e.code === "csv.not_tennis_data");
  });
});

describe("pricing price --sport tennis", () => {
  const cli = (args: string[]) => spawnSync("node", ["--import", "tsx", "packages/cli/src/main.ts", ...args], { cwd: new URL("../../", import.meta.url), encoding: "utf8" });
  test("prints inputs and markets as JSON", () => {
    const out = JSON.parse(execFileSync("node", ["--import", "tsx", "packages/cli/src/main.ts", "price", "--sport", "tennis", "--serve-a", "0.66", "--serve-b", "0.62", "--score", "6-4 3-2 30-15", "--server", "a", "--margin", "0.05", "--json"], { cwd: new URL("../../", import.meta.url), encoding: "utf8" }));
    assert.equal(out.inputs.sport, "tennis");
    const groups = new Set(out.markets.map((m: { group: string }) => m.group));
    for (const g of ["match-winner", "set-betting", "set-handicap", "total-sets", "set-winner", "total-games", "game-handicap", "player-games", "tiebreak", "game-winner"]) assert.ok(groups.has(g), g);
  });
  test("bad input exits 2 with a stable code", () => {
    const r = cli(["price", "--sport", "tennis", "--serve-a", "0.66", "--serve-b", "0.62", "--score", "7-3", "--server", "a"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\[tennis\.invalid_score\]/);
  });
});

describe("settlement items", () => {
  test("every settled market has its own key (one Settlement item each; a batch write refuses repeated keys)", async () => {
    const { sportFeed } = await import("@pricing/core/sports/tennis/replay/index");
    const { applyEvent } = await import("@pricing/core/match/reducer");
    const { emptyState } = await import("@pricing/core/match/state");
    const { sportStateOf } = await import("@pricing/core/sports/registry");
    for (const example of sportFeed.examples(3)) {
      const state = example.events.reduce((s, t) => applyEvent(s, t.event).state, emptyState(example.matchId));
      const { sport, own } = sportStateOf(state);
      for (const abandoned of [false, true]) {
        const keys = sport.settle(own, { abandoned }).markets.map((m) => m.key);
        assert.equal(new Set(keys).size, keys.length, `${example.matchId}: ${keys.filter((k, i) => keys.indexOf(k) !== i).join(", ")}`);
        assert.ok(keys.includes("set-1-score|-|-") && keys.includes(`set-${example.fixture.rules.bestOf}-winner|-|-`));
      }
    }
  });
});
