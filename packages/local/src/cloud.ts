import type { LocalCloud, LocalCloudOptions } from "./types";
import { assembleLocalCloud } from "./wiring/assemble";

export type { LocalCloud, LocalCloudOptions, LocalCloudResources, LocalCloudUsage, LogLevel } from "./types";

/**
 * Starts the whole app on this machine: synthesizes the SST app in-process, resolves its
 * templates and runs every resource they declare (table, queues, bus, rules, functions,
 * event-source mappings, state machines) behind one endpoint that speaks the AWS JSON
 * protocols. Sets `process.env` so SDK clients in this process, handlers included,
 * reach the local services.
 */
export function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  return assembleLocalCloud(options);
}
