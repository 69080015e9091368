import type { MatchDetailResponse, TraderActionResponse, TraderView } from "../../src/api";
import { ApiError, postJson } from "../api";
import { badge, fill, h, message, table } from "../dom";
import { groupName } from "../names";

/** What a button asks the console to put on the bus. */
interface ActionRequest {
  action: string;
  group?: string;
  margin?: number;
  model?: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The trader panel of the Match view: suspend or resume the match, each group and the
 * match's model, and set a group's margin, each with the reason the trader types
 * (required). The reason box and the last answer stay put while the view refreshes;
 * only the controls are drawn again from the match's state.
 */
export class TraderPanel {
  readonly element: HTMLElement;
  private readonly reason: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly controls: HTMLElement;
  private busy = false;

  constructor(private readonly matchId: string, private readonly refresh: () => Promise<void>) {
    this.reason = h("input", { id: "trader-reason", type: "text", maxlength: 200, required: true, placeholder: "why (required)", "aria-describedby": "trader-status", size: 40 });
    this.status = h("div", { id: "trader-status", role: "status", "aria-live": "polite" });
    this.controls = h("div");
    this.element = h("section", { "aria-labelledby": "trader-h", class: "trader" },
      h("h3", { id: "trader-h" }, "Trader controls"),
      h("p", {}, h("label", { for: "trader-reason" }, "Reason "), this.reason),
      this.status,
      this.controls);
  }

  /** Draws the controls for the match's trader state (hidden before it is scheduled). */
  update(d: MatchDetailResponse): void {
    const t = d.trader;
    this.element.hidden = !t;
    if (!t) return;
    fill(this.controls, this.matchRow(t), this.groupTable(t));
  }

  private button(label: string, request: ActionRequest, extra?: () => Partial<ActionRequest> | null): HTMLButtonElement {
    return h("button", {
      type: "button",
      "data-trader-action": request.action,
      ...(request.group ? { "data-group": request.group } : {}),
      onclick: () => {
        const more = extra ? extra() : {};
        if (more !== null) void this.send({ ...request, ...more });
      },
    }, label);
  }

  private matchRow(t: TraderView): HTMLElement {
    const hold = (what: string, x: TraderView["match"]) => (x ? badge(`${what} by ${x.traderId}: ${x.reason}`, "suspended") : null);
    const model = t.sportModels[0];
    const paused = model ? t.models[model] ?? null : null;
    return h("p", { class: "trader-match" },
      t.match ? this.button("Resume match", { action: "resume-match" }) : this.button("Suspend match", { action: "suspend-match" }), " ",
      paused ? this.button("Resume model", { action: "resume-model", model }) : this.button("Pause model", { action: "pause-model", model }), " ",
      hold("match suspended", t.match), " ", hold(`model ${model} paused`, paused));
  }

  private groupTable(t: TraderView): HTMLTableElement {
    const rows = t.sportGroups.map((group) => {
      const held = t.groups[group];
      const margin = t.margins[group];
      const input = h("input", {
        type: "number", step: 0.5, min: t.marginBand.min * 100, max: t.marginBand.max * 100, size: 5,
        "aria-label": `${groupName(group)} margin, percent`, "data-margin-group": group, value: margin ? (margin.margin * 100).toFixed(1) : "",
      });
      const readMargin = () => {
        const value = Number(input.value) / 100;
        if (input.value.trim() === "" || !(value >= t.marginBand.min && value <= t.marginBand.max)) {
          this.say(`A margin is a percentage from ${pct(t.marginBand.min)} to ${pct(t.marginBand.max)}.`, "error");
          input.focus();
          return null;
        }
        return { margin: value };
      };
      return h("tr", { "data-trader-group": group },
        h("th", { scope: "row" }, groupName(group)),
        h("td", {}, held ? badge(`suspended by ${held.traderId}: ${held.reason}`, "suspended") : "open"),
        h("td", {}, held ? this.button("Resume", { action: "resume-group", group }) : this.button("Suspend", { action: "suspend-group", group })),
        h("td", {}, input, " ", this.button("Set margin", { action: "set-margin", group }, readMargin), " ",
          margin ? this.button("Default", { action: "clear-margin", group }) : null,
          margin ? h("span", { class: "sub" }, ` ${pct(margin.margin)} by ${margin.traderId}`) : null));
    });
    return table("Market groups: suspend, resume, margin", ["Group", "Status", "", "Margin (%)"], rows, { class: "trader-groups" });
  }

  private say(text: string, tone: "info" | "error" = "info"): void {
    fill(this.status, message(text, tone));
  }

  private async send(request: ActionRequest): Promise<void> {
    const reason = this.reason.value.trim();
    if (reason === "") {
      this.say("A reason is required: say why before acting.", "error");
      this.reason.focus();
      return;
    }
    if (this.busy) return;
    this.busy = true;
    try {
      const sent = await postJson<TraderActionResponse>(`matches/${encodeURIComponent(this.matchId)}/trader`, { ...request, reason });
      this.say(`Sent ${sent.action}${request.group ? ` ${request.group}` : ""} as ${sent.traderId} (event ${sent.eventId.slice(0, 8)}).`);
      await this.refresh();
    } catch (error) {
      this.say(error instanceof ApiError ? `Refused: ${error.message}` : `Failed: ${(error as Error).message}`, "error");
    } finally {
      this.busy = false;
    }
  }
}
