import type { ChangeEvent } from "../src/api";
import { getJson } from "./api";

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

/**
 * A view of one API resource (`path`, by default the topic's own: `cost`, `models`),
 * drawn whole on mount and again on every change of `topic`.
 */
export function resourceView<T>(title: string, topic: Topic, draw: (main: HTMLElement, data: T) => void, path: string = topic): View {
  let main: HTMLElement;
  const load = async () => draw(main, await getJson<T>(path));
  return {
    title,
    topics: [topic],
    async mount(element) {
      main = element;
      await load();
    },
    refresh: load,
  };
}
