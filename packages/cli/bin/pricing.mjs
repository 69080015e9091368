#!/usr/bin/env -S node --max-semi-space-size=64
// Runs the TypeScript sources directly: the CLI ships with the repository, not as a build.
// The local cloud allocates many short-lived objects (SDK requests, execution histories):
// a 64 MB young generation (V8's default is 16 MB) cuts the time it spends collecting
// garbage, and with 500 matches in play its latency by several times (BENCHMARKS.md).
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
