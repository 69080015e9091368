// Entry of a handler thread: TypeScript through tsx (each thread registers its own
// loaders, ESM and CommonJS, since a thread does not inherit the process's hooks when
// the process was not started under tsx), then the thread's work in worker.ts.
import { register as registerCommonJs } from "tsx/cjs/api";
import { register } from "tsx/esm/api";

registerCommonJs();
register();
await import("./worker.ts");
