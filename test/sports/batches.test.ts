import { describe, expect, test } from "vitest";
import { InputError } from "@pricing/core/errors";
import { priceMarketGroups } from "@pricing/core/match/flows/model";
import { MODEL_GROUPS_PER_INVOCATION } from "@pricing/core/policy";
import type { SportModel } from "@pricing/core/sports/contract";
import { groupsPerInvocation, modelBatches } from "@pricing/core/sports/batches";
import { SPORT_IDS, SPORTS } from "@pricing/core/sports/registry";

const GROUPS = ["a", "b", "c", "d", "e", "f", "g"];

describe("the batch plan of a repricing", () => {
  test.each(SPORT_IDS)("%s: every group in exactly one batch, in order, none larger than the sport's groupsPerInvocation", (id) => {
    const sport = SPORTS[id];
    const batches = modelBatches(sport, sport.groups);
    expect(batches.flat()).toEqual([...sport.groups]);
    for (const batch of batches) expect(batch.length).toBeGreaterThan(0);
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(groupsPerInvocation(sport));
    // A sport that sets no size prices a repricing's groups in one invocation.
    if (sport.groupsPerInvocation === undefined) expect(batches).toHaveLength(1);
  });

  test("groups cut into batches of the sport's size; the last holds what is left; none to price is no batch", () => {
    expect(modelBatches({ id: "x", groupsPerInvocation: 3 }, GROUPS)).toEqual([["a", "b", "c"], ["d", "e", "f"], ["g"]]);
    expect(modelBatches({ id: "x", groupsPerInvocation: 1 }, ["a", "b"])).toEqual([["a"], ["b"]]);
    expect(modelBatches({ id: "x" }, GROUPS)).toEqual([GROUPS]);
    expect(modelBatches({ id: "x" }, [])).toEqual([]);
    expect(groupsPerInvocation({ id: "x" })).toBe(MODEL_GROUPS_PER_INVOCATION);
  });

  test.each([0, -1, 2.5, Number.NaN])("a size of %s is an input error", (size) => {
    expect(() => modelBatches({ id: "x", groupsPerInvocation: size }, GROUPS)).toThrow(InputError);
  });
});

describe("a batch through a model", () => {
  /** A model whose "d" throws something untyped and whose "e" refuses its input. */
  const model: SportModel<number> = {
    id: "x",
    groups: GROUPS,
    price(group, situation) {
      if (group === "d") throw new RangeError("diverged");
      if (group === "e") throw new InputError("x.bad", "no price at this moment");
      return [{ key: group, line: null, status: "open", selections: [{ key: "yes", probability: situation, fairOdds: 1 / situation, odds: 1 / situation }] }] as never;
    },
  };

  test("each group in its own try: the groups that throw come back as typed failures, the rest priced in order", () => {
    const batch = priceMarketGroups(model, ["c", "d", "e", "f"], 0.5, { f: 2 });
    expect(batch.results.map((r) => [r.group, r.status])).toEqual([["c", "priced"]]);
    expect(batch.failures).toEqual([
      { group: "d", error: { name: "ModelError", message: "d: diverged" } },
      { group: "e", error: { name: "InputError", message: "no price at this moment" } },
      // A margin no model can offer fails its group alone.
      { group: "f", error: { name: "InputError", message: expect.stringContaining("margin") } },
    ]);
  });

  test("a group the sport lacks fails alone", () => {
    const batch = priceMarketGroups(model, ["a", "corners"], 0.5);
    expect(batch.results.map((r) => r.group)).toEqual(["a"]);
    expect(batch.failures.map((f) => [f.group, f.error.name])).toEqual([["corners", "InputError"]]);
  });
});
