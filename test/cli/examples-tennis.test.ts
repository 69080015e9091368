import { describe, expect, test } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Epoch } from "@pricing/core/match/epoch";
import { parseFeedEvent } from "@pricing/core/match/events";
import { applyEvent } from "@pricing/core/match/reducer";
import { emptyState } from "@pricing/core/match/state";
import { tennisOf } from "@pricing/core/sports/tennis/match-state";

const DIR = join(import.meta.dirname, "../../examples/put-events/tennis");

describe("examples/put-events/tennis", () => {
  test("one whole tennis match as PutEvents files: at most 10 entries each, every one a valid tennis event, in seq order, folding to the confirmed 6-2 6-4", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
    expect(files.length).toBeGreaterThan(5);
    const entries = files.flatMap((f) => {
      const batch = JSON.parse(readFileSync(join(DIR, f), "utf8")) as Array<{ Source: string; DetailType: string; Detail: string; EventBusName: string }>;
      expect(batch.length).toBeLessThanOrEqual(10);
      return batch;
    });
    const events = entries.map((e) => parseFeedEvent({ source: e.Source, "detail-type": e.DetailType, detail: JSON.parse(e.Detail) }));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(new Set(events.map((e) => e.sport))).toEqual(new Set(["tennis"]));
    expect(events[0].type).toBe("Match Scheduled");
    expect(events.at(-1)!.type).toBe("Result Confirmed");
    let state = emptyState(events[0].matchId);
    for (const e of events) state = applyEvent(state, e).state;
    expect(state.epoch).toBe(Epoch.Confirmed);
    expect(tennisOf(state).score!.sets).toEqual([[6, 2], [6, 4]]);
    expect(tennisOf(state).result).toEqual([[6, 2], [6, 4]]);
    expect(state.view?.participants).toEqual(["Sinner J.", "Vukic A."]);
  });
});
