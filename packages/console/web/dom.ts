/** Small DOM helpers: the page is plain DOM, no framework. */

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Creates an element: attributes (on* become listeners, false/null are left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  append(element, children);
  return element;
}

function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === "number" ? String(child) : child);
  }
}

/** Replaces the children of `parent`. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export const odds = (x: number | null | undefined) => (x === null || x === undefined ? "–" : x.toFixed(2));
export const percent = (p: number | null | undefined, digits = 1) => (p === null || p === undefined ? "–" : `${(p * 100).toFixed(digits)}%`);
export const ms = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "–" : x < 10 ? `${x.toFixed(2)} ms` : `${Math.round(x)} ms`);
export const usd = (x: number) => (x === 0 ? "$0" : x < 0.01 ? `$${x.toPrecision(2)}` : `$${x.toFixed(2)}`);
export const count = (x: number) => x.toLocaleString("en-GB", { maximumFractionDigits: 2 });

export function time(iso: string | null | undefined): string {
  if (!iso) return "–";
  const d = new Date(iso);
  return d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return "–";
  const d = new Date(iso);
  return `${d.toLocaleDateString("en-GB", { day: "2-digit", month: "short" })} ${time(iso)}`;
}

/** A table with a caption, header cells and rows. */
export function table(caption: string, headers: string[], rows: Node[], attributes: Attributes = {}): HTMLTableElement {
  return h("table", attributes,
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ...headers.map((text) => h("th", { scope: "col" }, text)))),
    h("tbody", {}, ...rows));
}

/** A status badge: text for everyone, colour as a second cue. */
export function badge(text: string, tone?: string): HTMLSpanElement {
  return h("span", { class: `badge ${tone ?? text.toLowerCase().replace(/[^a-z]+/g, "-")}` }, text);
}

export function message(text: string, tone: "info" | "error" = "info"): HTMLParagraphElement {
  return h("p", { class: `message ${tone}`, role: tone === "error" ? "alert" : null }, text);
}
