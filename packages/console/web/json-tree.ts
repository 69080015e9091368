import { h } from "./dom";

/** Children a branch shows before a "… n more" line: a match's state holds long arrays. */
const SHOWN = 200;

const preview = (value: object) => (Array.isArray(value) ? `[${value.length}]` : `{${Object.keys(value).length}}`);

function leaf(value: unknown): HTMLElement {
  const kind = value === null ? "null" : typeof value;
  return h("span", { class: `json-${kind}` }, typeof value === "string" ? JSON.stringify(value) : String(value));
}

function node(key: string | null, value: unknown, depth: number): HTMLElement {
  const label = key === null ? null : h("span", { class: "json-key" }, `${key}: `);
  if (value === null || typeof value !== "object") return h("div", { class: "json-leaf" }, label, leaf(value));
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) return h("div", { class: "json-leaf" }, label, Array.isArray(value) ? "[]" : "{}");
  const children = entries.slice(0, SHOWN).map(([k, v]) => node(k, v, depth + 1));
  const more = entries.length > SHOWN ? h("div", { class: "json-leaf sub" }, `… ${entries.length - SHOWN} more`) : null;
  // The first two levels open: a state's input reads at a glance, deep parts on demand.
  return h("details", { class: "json-node", open: depth < 2 },
    h("summary", {}, label, h("span", { class: "json-preview" }, preview(value))),
    h("div", { class: "json-children" }, ...children, more));
}

/**
 * JSON text as a tree of <details>, each object and array folding open and shut, as
 * the Step Functions console shows a state's input and output. Text that is not JSON
 * (a clipped payload) is shown as it is.
 */
export function jsonTree(text: string | null, label: string): HTMLElement {
  if (text === null) return h("p", { class: "sub" }, `No ${label.toLowerCase()}.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return h("pre", { "aria-label": label }, text);
  }
  return h("div", { class: "json-tree", role: "group", "aria-label": label }, node(null, value, 0));
}
