import type { QueuesResponse, QueueView, RedriveResponse } from "../../src/api";
import { ApiError, getJson, postJson } from "../api";
import { badge, dateTime, fill, h, message, table } from "../dom";
import type { View } from "../view";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function deadLetters(q: QueueView, redrive: (q: QueueView, button: HTMLButtonElement) => void): HTMLElement {
  const button = h("button", { type: "button", "aria-label": `Redrive ${q.label}`, disabled: !q.redrivable }, "Redrive");
  button.addEventListener("click", () => redrive(q, button));
  const messages = q.messages ?? [];
  return h("section", { class: "dlq", "data-queue": q.label, "aria-label": `${q.label} messages` },
    h("h4", {}, q.label, " ", badge(plural(q.visible, "message"), q.visible ? "failed" : "ok"), " ", button),
    h("p", { class: "sub" }, q.sources.length ? `Dead-letter queue of ${q.sources.join(", ")}; redrive sends messages back to it.` : "Dead-letter queue of an EventBridge target; redrive sends each message to the target queue it names."),
    messages.length === 0 ? message("Empty.") : table(`${plural(messages.length, "message")} in ${q.label}`, ["Message", "Sent", "Receives", "Reason", "Body"], messages.map((m) => h("tr", { "data-message-id": m.messageId },
      h("td", { class: "mono" }, m.messageId.slice(0, 8)),
      h("td", {}, dateTime(m.sentAt)),
      h("td", { class: "num" }, m.receiveCount ?? "–"),
      h("td", { class: "reason" }, m.reason),
      h("td", {}, h("details", {}, h("summary", {}, m.body.length > 60 ? `${m.body.slice(0, 60)}…` : m.body), h("pre", {}, m.body)))))));
}

/** Depth and in-flight counts of every queue; dead-letter queues with their messages and a redrive action. */
export function queuesView(): View {
  let main: HTMLElement;
  let notice: HTMLElement = h("p", { role: "status", "aria-live": "polite", class: "notice" });
  const redrive = async (q: QueueView, button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      const r = await postJson<RedriveResponse>(`queues/${encodeURIComponent(q.name)}/redrive`);
      notice.textContent = r.method === "StartMessageMoveTask" ? `Redrive of ${r.queue} started (move task ${r.taskHandle ?? ""}).` : `Sent ${plural(r.moved ?? 0, "message")} of ${r.queue} back to their target.`;
      await refresh();
    } catch (error) {
      notice.textContent = `Redrive failed: ${error instanceof ApiError ? error.message : String(error)}`;
      button.disabled = false;
    }
  };
  const draw = (d: QueuesResponse) => {
    const work = d.queues.filter((q) => !q.isDeadLetterQueue);
    const dlqs = d.queues.filter((q) => q.isDeadLetterQueue);
    fill(main,
      h("h2", {}, "Queues"),
      notice,
      table("Work queues", ["Queue", "Visible", "In flight", "Delayed", "Dead-letter queue", "Max receives"], work.map((q) => h("tr", { "data-queue": q.label },
        h("th", { scope: "row" }, q.label, h("div", { class: "sub mono" }, q.name)),
        h("td", { class: "num", "data-count": "visible" }, q.visible),
        h("td", { class: "num", "data-count": "in-flight" }, q.inFlight),
        h("td", { class: "num" }, q.delayed),
        h("td", {}, q.deadLetterQueue ?? "–"),
        h("td", { class: "num" }, q.maxReceiveCount ?? "–")))),
      h("h3", {}, "Dead-letter queues"),
      ...dlqs.map((q) => deadLetters(q, redrive)));
  };
  const refresh = async () => draw(await getJson<QueuesResponse>("queues"));
  return {
    title: "Queues",
    topics: ["queues"],
    async mount(element) {
      main = element;
      notice = h("p", { role: "status", "aria-live": "polite", class: "notice" });
      await refresh();
    },
    refresh,
  };
}
