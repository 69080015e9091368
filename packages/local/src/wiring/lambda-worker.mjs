// Entry of a handler thread: TypeScript through tsx (each thread registers its own
// loader), then the thread's work in lambda-worker.ts.
import { register } from "tsx/esm/api";

register();
await import("./lambda-worker.ts");
