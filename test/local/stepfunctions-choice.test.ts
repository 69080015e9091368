import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { harness, writeHandlers, type Harness } from "./stepfunctions-harness";

describe("local Step Functions reads Choice rules as AWS does", () => {
  const handlers = writeHandlers({});
  let h: Harness;
  beforeAll(async () => {
    h = await harness(handlers.root, []);
  });
  afterAll(async () => {
    await h.close();
    handlers.cleanup();
  });

  test("IsPresent: false matches an absent path, at the top of a rule and inside And and Not", async () => {
    const named = (name: string) => ({ Type: "Pass", Result: name, End: true });
    const arn = h.add("Present", {
      StartAt: "Which",
      States: {
        Which: {
          Type: "Choice",
          Choices: [
            { Variable: "$.a[0]", IsPresent: false, Next: "NoA" },
            { And: [{ Variable: "$.b", IsPresent: false }, { Variable: "$.a[1]", IsPresent: true }], Next: "TwoAsNoB" },
            { Not: { Variable: "$.b", IsPresent: false }, Next: "B" },
          ],
          Default: "Other",
        },
        NoA: named("NoA"), TwoAsNoB: named("TwoAsNoB"), B: named("B"), Other: named("Other"),
      },
    });
    const route = async (input: object) => {
      const done = await h.sfn.finished((await h.sfn.startExecution({ stateMachineArn: arn, input: JSON.stringify(input) })).executionArn);
      assert.equal(done.status, "SUCCEEDED", done.cause);
      return JSON.parse(done.output!);
    };
    assert.deepEqual(
      [await route({}), await route({ a: [] }), await route({ a: [1, 2] }), await route({ a: [1], b: 0 }), await route({ a: [1] })],
      ["NoA", "NoA", "TwoAsNoB", "B", "Other"],
    );
  });
});
