import type { MatchesResponse } from "../../src/api";
import { getJson } from "../api";
import { fill, h, message } from "../dom";
import type { View } from "../view";
import { matchView } from "./match";

const lookUp = async (matchId: string) => (await getJson<MatchesResponse>(`matches?id=${encodeURIComponent(matchId)}`)).matches.length > 0;

/**
 * A match's page by its id in the address. The stage is asked first whether it has the
 * match, an answer either way: an id it does not know (a mistyped link, another stage's
 * match) gets one plain message rather than a failed request and an error on every
 * change. Once the match is scheduled, its page opens in place.
 */
export function matchRoute(matchId: string): View {
  let inner: View | null = null;
  let main: HTMLElement;

  const open = async () => {
    if (!(await lookUp(matchId))) {
      document.title = "Unknown match · Pricing console";
      fill(main,
        h("p", {}, h("a", { href: "#/matches" }, "← Matches")),
        h("h2", {}, "Unknown match"),
        message(`This stage has no match ${matchId}. It may not be scheduled yet: this page opens it when it is.`));
      main.dataset.unknown = "true";
      return;
    }
    delete main.dataset.unknown;
    inner = matchView(matchId);
    await inner.mount(main);
  };

  return {
    title: "Match",
    topics: ["matches"],
    async mount(element) {
      main = element;
      await open();
    },
    refresh: async () => (inner ? inner.refresh() : open()),
    unmount() {
      inner?.unmount?.();
      delete main?.dataset.unknown;
    },
  };
}
