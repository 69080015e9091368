import type { ChangeEvent } from "../src/api";

export type Topic = ChangeEvent["topics"][number];

/** One view of the console: drawn once, then refreshed in place when its topics change. */
export interface View {
  /** The document title part. */
  title: string;
  topics: Topic[];
  mount(main: HTMLElement): Promise<void>;
  refresh(): Promise<void>;
  unmount?(): void;
}
