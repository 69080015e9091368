import { createHash } from "node:crypto";
import type { Json, JournalEntry } from "./types";

/**
 * The task journal of one execution (see JournalEntry). A fresh execution appends to
 * it; a resumed one first hands back, per key and in order, the entries it had when
 * the local cloud stopped, so the re-run skips finished tasks and re-parks open tokens.
 *
 * Only STANDARD executions are resumed. An EXPRESS execution's journal is not kept
 * (`kept` false): nothing is appended and its tasks need no key, which spares hashing
 * every task input of the many short executions.
 */
export class Journal {
  private readonly queued = new Map<string, JournalEntry[]>();
  private remaining: number;

  constructor(
    private readonly entries: JournalEntry[],
    readonly kept = true,
  ) {
    for (const entry of entries) {
      const list = this.queued.get(entry.key) ?? [];
      list.push(entry);
      this.queued.set(entry.key, list);
    }
    this.remaining = entries.length;
  }

  /** True while recorded entries remain to be replayed. */
  get replaying(): boolean {
    return this.remaining > 0;
  }

  /** The next recorded entry for `key`; none ends the replay (the run has caught up). */
  next(key: string): JournalEntry | undefined {
    const entry = this.queued.get(key)?.shift();
    if (entry) this.remaining--;
    else this.endReplay();
    return entry;
  }

  endReplay(): void {
    this.remaining = 0;
    this.queued.clear();
  }

  append(entry: JournalEntry): JournalEntry {
    if (this.kept) this.entries.push(entry);
    return entry;
  }

  remove(entry: JournalEntry): void {
    const at = this.entries.indexOf(entry);
    if (at >= 0) this.entries.splice(at, 1);
  }
}

/** A task's journal key: its state name and its effective input, task tokens masked (they differ on replay). */
export function journalKey(stateName: string, input: Json, tokens: Iterable<string>): string {
  let text = JSON.stringify(input ?? null);
  for (const token of tokens) if (text.includes(token)) text = text.split(token).join("<task-token>");
  return `${stateName}#${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
}
