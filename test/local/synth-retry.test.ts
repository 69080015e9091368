import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { retryTakenConfig } from "@pricing/local/template/synth-app";

/** An init that fails with each of `errors` in turn, then succeeds; counts its calls. */
function init(errors: Error[]) {
  let calls = 0;
  return {
    run: async () => {
      const error = errors[calls++];
      if (error) throw error;
    },
    get calls() {
      return calls;
    },
  };
}
const taken = () => new Error("Cannot find module '/work/app/.sst.config.1796688454827.mjs' imported from /work/app/node_modules/sst/util/module.js");

describe("synthesis when parallel processes share SST's bundled config", () => {
  test("a config another process deleted is bundled again, and synthesis goes on", async () => {
    const once = init([taken()]);
    await retryTakenConfig(once.run);
    assert.equal(once.calls, 2);
  });

  test("any other failure is thrown at once, without a second try", async () => {
    const other = init([new Error("Could not find a configuration file")]);
    await assert.rejects(retryTakenConfig(other.run), /Could not find a configuration file/);
    assert.equal(other.calls, 1);
  });

  test("a config taken three times running is thrown, not tried forever", async () => {
    const always = init([taken(), taken(), taken(), taken()]);
    await assert.rejects(retryTakenConfig(always.run), /\.sst\.config\.\d+\.mjs/);
    assert.equal(always.calls, 3);
  });
});
