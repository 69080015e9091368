import type { MatchAxis, MatchDetailResponse, PricesAtResponse } from "../../src/api";
import { getJson } from "../api";
import { axisLabel } from "../charts";
import { h } from "../dom";
import { zoneTime } from "../zone-time";

/** One stop of the scrubber: an instant at which something on the screen changed. */
interface Step {
  /** Epoch ms. */
  at: number;
  /** What happened there, for the label: a moment's words, or "prices". */
  what: string;
}

/**
 * The stops of a match's tape: just after each price version (so it is shown), and the
 * instant each suspending moment arrived (before any price that knows it), in order.
 */
export function tapeSteps(d: MatchDetailResponse): Step[] {
  const steps = new Map<number, string>();
  for (const history of d.history) for (const t of history.times) steps.set(t + 1, steps.get(t + 1) ?? "prices");
  for (const m of d.markers) if (m.suspends) steps.set(m.at, m.label);
  return [...steps.entries()].map(([at, what]) => ({ at, what })).sort((a, b) => a.at - b.at);
}

/**
 * Time travel: a slider over the match's tape. Moving it shows every market as it
 * stood at that moment (GET /matches/:id/prices?at=) and marks the moment on the
 * charts; at its right end it follows the live prices again.
 */
export class Scrubber {
  readonly element: HTMLElement;
  private readonly range: HTMLInputElement;
  private readonly output: HTMLOutputElement;
  /** The tape's incidents as the slider's tick marks (a goal, a review), labelled. */
  private readonly marks: HTMLDataListElement;
  private steps: Step[] = [];
  private axis: MatchAxis | null = null;
  /** The request in flight: a newer move supersedes it. */
  private asked = 0;

  constructor(private readonly matchId: string, private readonly show: (moment: PricesAtResponse | null) => void) {
    this.range = h("input", { type: "range", min: 0, max: 0, step: 1, value: 0, id: "scrubber", list: "scrubber-marks", "aria-describedby": "scrubber-at" });
    this.marks = h("datalist", { id: "scrubber-marks" });
    this.output = h("output", { id: "scrubber-at", for: "scrubber", "aria-live": "polite" }, "live");
    this.range.addEventListener("input", () => void this.move());
    this.element = h("section", { class: "scrubber", "aria-labelledby": "scrubber-h" },
      h("h3", { id: "scrubber-h" }, h("label", { for: "scrubber" }, "Time travel")),
      h("div", { class: "scrubber-row" },
        this.range, this.marks,
        h("button", { type: "button", "data-scrub": "live", onclick: () => this.toLive() }, "Live")),
      this.output);
  }

  /** Whether the view shows a past moment (the live refreshes then leave the ladder alone). */
  get scrubbing(): boolean {
    return Number(this.range.value) < this.steps.length;
  }

  /** New tape; a scrubber at its live end stays there. */
  update(d: MatchDetailResponse): void {
    const live = !this.scrubbing;
    this.steps = tapeSteps(d);
    this.axis = d.axis ?? null;
    this.range.max = String(this.steps.length);
    this.marks.replaceChildren(...this.steps.flatMap((s, i) => (s.what === "prices" ? [] : [h("option", { value: i, label: s.what, "data-at": new Date(s.at).toISOString() }, s.what)])));
    this.range.setAttribute("aria-valuetext", this.output.textContent ?? "live");
    if (live) this.range.value = String(this.steps.length);
  }

  private toLive(): void {
    this.range.value = this.range.max;
    void this.move();
  }

  private async move(): Promise<void> {
    const ask = ++this.asked;
    const i = Number(this.range.value);
    const step = this.steps[i];
    if (!step) {
      this.say("live", null);
      this.show(null);
      return;
    }
    const iso = new Date(step.at).toISOString();
    const moment = await getJson<PricesAtResponse>(`matches/${encodeURIComponent(this.matchId)}/prices?at=${encodeURIComponent(iso)}`);
    if (ask !== this.asked) return;
    const where = this.axis ? axisLabel(this.axis, moment.x) : "";
    this.say(`${where ? `${where} · ` : ""}${zoneTime(iso)} · ${step.what === "prices" ? `step ${i + 1} of ${this.steps.length}` : step.what}`, iso);
    this.show(moment);
  }

  private say(text: string, at: string | null): void {
    this.output.textContent = text;
    this.output.dataset.at = at ?? "live";
    this.range.setAttribute("aria-valuetext", text);
  }
}
