import type { LadderGroup, LadderMarket, LadderSelection, MatchDetailResponse } from "../../src/api";
import { badge, h, message, odds, percent, table } from "../dom";
import { groupName } from "../names";
import { zoneTime } from "../zone-time";

/** An overround as a trader quotes it: "5.2%" over the book's winners. */
const overroundText = (x: number | null) => (x === null ? "" : `overround ${(x * 100).toFixed(1)}%`);

/**
 * The price cells of one selection: probability, fair and offered odds while its market
 * trades; its outcome (won, lost, void, push) once decided or settled, never a price;
 * "suspended" while the group's prices do not stand.
 */
function priceCells(market: LadderMarket, s: LadderSelection, suspended: boolean): HTMLElement[] {
  if (s.outcome) {
    return [h("td", { colspan: 3, class: "outcome", "data-outcome": s.outcome }, badge(s.outcome.replace("-", " "), `outcome-${s.outcome}`))];
  }
  const offered = suspended || market.status === "suspended"
    ? h("td", { class: "num offered suspended-price", "data-suspended": "" }, "suspended")
    : h("td", { class: "num offered" }, s.odds === null ? "not offered" : odds(s.odds));
  return [
    h("td", { class: "num" }, percent(s.probability, 2)),
    h("td", { class: "num" }, s.fairOdds === null ? "off the scale" : odds(s.fairOdds)),
    offered,
  ];
}

function marketHead(m: LadderMarket): HTMLElement {
  const status = m.status === "settled" ? "settled" : m.status === "decided" ? "decided" : m.status === "suspended" ? "suspended: no price within the margin" : null;
  return h("th", { scope: "rowgroup", rowspan: m.selections.length, "data-market": m.id, ...(m.overround !== null ? { "data-overround": m.overround } : {}) },
    m.label,
    m.overround !== null ? h("div", { class: "sub overround" }, overroundText(m.overround)) : null,
    status ? h("div", { class: "sub market-status" }, status) : null);
}

function ladderGroup(g: LadderGroup, open: boolean): HTMLDetailsElement {
  const suspended = g.suspendedBy !== null;
  const rows = g.markets.flatMap((m) => m.selections.map((s, i) => h("tr", { "data-selection": s.key },
    i === 0 ? marketHead(m) : null,
    h("td", { "data-key": s.key }, s.name),
    ...priceCells(m, s, suspended))));
  return h("details", { open, "data-group": g.group, "data-suspended": suspended ? g.suspendedBy! : null },
    h("summary", {}, groupName(g.group), " ", suspended ? badge(`suspended: ${g.suspendedBy}`, "suspended") : h("span", { class: "sub" }, `${g.markets.length} ${g.markets.length === 1 ? "market" : "markets"}`)),
    g.markets.length ? table(`${groupName(g.group)}: fair and offered odds`, ["Market", "Selection", "Probability", "Fair odds", "Offered odds"], rows, { class: "ladder" }) : message("No markets offered."));
}

/**
 * The price ladder: every group's markets by line with each market's overround, the
 * sides by name; the groups the trader opened stay open as it is drawn again.
 */
export class Ladder {
  readonly element = h("section", { "aria-labelledby": "ladder-h" });
  /** The groups open: the headline group (the first) until the trader opens or closes one. */
  private readonly openGroups = new Set<string>();
  private first = true;

  draw(ladder: MatchDetailResponse["ladder"], at: string | null): void {
    if (this.first && ladder?.groups[0]) {
      this.first = false;
      this.openGroups.add(ladder.groups[0].group);
    }
    for (const el of this.element.querySelectorAll<HTMLDetailsElement>("details[data-group]")) {
      if (el.open) this.openGroups.add(el.dataset.group!);
      else this.openGroups.delete(el.dataset.group!);
    }
    const when = at ? `as it stood at ${zoneTime(at)}` : "now";
    this.element.replaceChildren(h("h3", { id: "ladder-h" }, "Price ladder"),
      ...(ladder
        ? [h("p", { class: "sub", "data-ladder-at": at ?? "live" }, `${when}: price version ${ladder.priceVersion}, priced at ${zoneTime(ladder.asOf)}`), ...ladder.groups.map((g) => ladderGroup(g, this.openGroups.has(g.group)))]
        : [message(at ? `No prices yet at ${zoneTime(at)}.` : "No prices yet.")]));
  }
}
