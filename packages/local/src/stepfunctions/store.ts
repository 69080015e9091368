import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { ExecutionRecord } from "./types";

/**
 * Where STANDARD executions live between runs of the local cloud: their status,
 * history, task journal and open tokens. `save` may keep a reference and persist
 * later; `flush` makes everything saved so far durable. The integrator can back this
 * with DynamoDB by implementing the three methods.
 */
export interface ExecutionStore {
  load(): Promise<ExecutionRecord[]>;
  save(record: ExecutionRecord): void;
  flush(): Promise<void>;
}

/** Keeps executions for the life of the process (a restart within one process, as tests do). */
export class MemoryExecutionStore implements ExecutionStore {
  private readonly dirty = new Map<string, ExecutionRecord>();
  private readonly kept = new Map<string, string>();

  async load(): Promise<ExecutionRecord[]> {
    await this.flush();
    return [...this.kept.values()].map((text) => JSON.parse(text) as ExecutionRecord);
  }

  save(record: ExecutionRecord): void {
    this.dirty.set(record.executionArn, record);
  }

  async flush(): Promise<void> {
    for (const [arn, record] of this.dirty) this.kept.set(arn, JSON.stringify(record));
    this.dirty.clear();
  }
}

/** Keeps executions in one JSON file, written (atomically) at most every `delayMs` real milliseconds. */
export class JsonFileExecutionStore implements ExecutionStore {
  private readonly records = new Map<string, ExecutionRecord>();
  private timer?: NodeJS.Timeout;
  private loaded = false;

  constructor(
    private readonly file: string,
    private readonly delayMs = 250,
  ) {}

  async load(): Promise<ExecutionRecord[]> {
    if (!this.loaded && existsSync(this.file)) {
      for (const record of JSON.parse(readFileSync(this.file, "utf8")) as ExecutionRecord[]) {
        if (!this.records.has(record.executionArn)) this.records.set(record.executionArn, record);
      }
    }
    this.loaded = true;
    return [...this.records.values()].map((record) => JSON.parse(JSON.stringify(record)) as ExecutionRecord);
  }

  save(record: ExecutionRecord): void {
    this.records.set(record.executionArn, record);
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify([...this.records.values()]));
    renameSync(temporary, this.file);
  }
}
