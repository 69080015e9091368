import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { assertUsageError, pricing } from "./run";

describe("pricing: usage errors exit 2 without a stack trace", () => {
  test("an unknown option, an unknown command, a missing required option", async () => {
    for (const args of [["price", "--home-xg", "1", "--away-xg", "1", "--no-such-option"], ["no-such-command"], ["implied"], ["events", "put"]]) {
      const result = await pricing(args);
      assertUsageError(result, /^error: /m, args.join(" "));
    }
  });

  test("--help still exits 0", async () => {
    const result = await pricing(["--help"]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Usage: pricing/);
  });

  test("--port out of 0-65535 or not a whole number, for every command with --port", async () => {
    const cases: [string[], string][] = [
      [["matchday", "--port", "99999"], "matchday.invalid_option"],
      [["matchday", "--port", "-1"], "matchday.invalid_option"],
      [["local", "--port", "99999"], "local.invalid_option"],
      [["local", "--port", "40.5"], "local.invalid_option"],
      [["console", "--endpoint", "http://127.0.0.1:4010", "--port", "99999"], "console.invalid_option"],
      [["console", "--endpoint", "http://127.0.0.1:4010", "--port", ""], "console.invalid_option"],
    ];
    await Promise.all(
      cases.map(async ([args, code]) => {
        const result = await pricing(args);
        assertUsageError(result, code, args.join(" "));
        assert.match(result.stderr, /--port must be a whole number in 0-65535/);
        assert.equal(result.stdout, "", `${args.join(" ")} started before checking its options`);
      }),
    );
  });

  test("console --endpoint without http://", async () => {
    assertUsageError(await pricing(["console", "--endpoint", "localhost:4010"]), "console.invalid_option", "console endpoint");
  });
});
