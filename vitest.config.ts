import { defineConfig } from "vitest/config";

// Tiers as projects: `npx vitest --project core` runs one. Node's test runner had no
// per-test timeout; the local-cloud and end-to-end tiers start whole clouds, so their
// limits are minutes, not Vitest's default five seconds.
const tier = (name: string, include: string[], timeout = 60_000) => ({
  extends: true as const,
  test: { name, include, testTimeout: timeout, hookTimeout: timeout },
});

export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 2,
    fileParallelism: true,
    silent: "passed-only",
    // The SDK warns once per process that its 2027 releases will want Node 22; the
    // suite runs on Node 20 by design (README: Node versions), so the notice is noise here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    coverage: {
      provider: "v8",
      include: ["packages/*/src/**/*.ts"],
      exclude: ["packages/console/web/**"],
      reporter: ["text-summary", "text", "html", "json-summary"],
      reportsDirectory: "build/coverage",
    },
    projects: [
      tier("core", ["test/core/**/*.test.ts", "test/backtest/**/*.test.ts", "test/cost/**/*.test.ts", "test/tennis/**/*.test.ts", "test/sports/**/*.test.ts"]),
      tier("functions", ["test/functions/**/*.test.ts"]),
      tier("stacks", ["test/stacks/**/*.test.ts"], 180_000),
      tier("local", ["test/local/**/*.test.ts", "test/matchday/**/*.test.ts"], 300_000),
      tier("e2e", ["test/e2e/**/*.test.ts", "test/reliability/**/*.test.ts"], 300_000),
      tier("console", ["test/console/**/*.test.ts", "test/cli/**/*.test.ts"], 300_000),
    ],
  },
});
