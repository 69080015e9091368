import type { GraphNode, StateGraph } from "../src/api";
import { svg } from "./dom";

const PAD = 16;

export interface GraphProgress {
  visited: string[];
  current: string[];
  failed: string[];
}

/** A graph whose states can be chosen: the chosen one is marked, a click or Enter on another calls `select`. */
export interface GraphChoice {
  selected: string | null;
  select(state: string): void;
}

function stateClass(name: string, progress: GraphProgress): string {
  if (progress.failed.includes(name)) return "state failed";
  if (progress.current.includes(name)) return "state current";
  if (progress.visited.includes(name)) return "state visited";
  return "state";
}

function stateWord(name: string, progress: GraphProgress): string {
  if (progress.failed.includes(name)) return "failed";
  if (progress.current.includes(name)) return "current";
  if (progress.visited.includes(name)) return "visited";
  return "not visited";
}

function drawGraph(group: SVGGElement, graph: StateGraph, progress: GraphProgress, dx: number, dy: number, choice?: GraphChoice): void {
  for (const edge of graph.edges) {
    const siblings = graph.edges.filter((e) => e.from === edge.from);
    const leftOfCentre = siblings.length > 1 && siblings.indexOf(edge) < siblings.length / 2;
    const taken = progress.visited.includes(edge.from) && progress.visited.includes(edge.to);
    const d = edge.points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${x + dx},${y + dy}`).join("");
    group.append(svg("path", { d, class: `edge${taken ? " taken" : ""}`, "marker-end": "url(#arrow)" }));
    if (edge.label) {
      const [x, y] = edge.points[0];
      const text = edge.label.length > 30 ? `${edge.label.slice(0, 29)}…` : edge.label;
      const at: Record<string, string | number> = leftOfCentre ? { x: x + dx - 3, "text-anchor": "end" } : { x: x + dx + 3 };
      group.append(svg("text", { ...at, y: y + dy + 13, class: "edge-label" }, svg("title", {}, edge.label), text));
    }
  }
  for (const node of graph.nodes) drawNode(group, node, progress, dx, dy, choice);
}

/** Makes a state's group a button: focusable, chosen by click, Enter or Space. */
function choosable(g: SVGGElement, name: string, choice: GraphChoice): void {
  const selected = choice.selected === name;
  g.setAttribute("tabindex", "0");
  g.setAttribute("role", "button");
  g.setAttribute("aria-pressed", String(selected));
  if (selected) g.classList.add("selected");
  g.addEventListener("click", (event) => {
    // A state inside a Map sits in its container's group: the innermost state is the one meant.
    event.stopPropagation();
    choice.select(name);
  });
  g.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    event.stopPropagation();
    choice.select(name);
  });
}

function drawNode(group: SVGGElement, node: GraphNode, progress: GraphProgress, dx: number, dy: number, choice?: GraphChoice): void {
  const x = node.x + dx, y = node.y + dy;
  const g = svg("g", { class: stateClass(node.name, progress), "data-state": node.name, "data-progress": stateWord(node.name, progress) });
  g.append(svg("title", {}, `${node.name} (${node.type}): ${stateWord(node.name, progress)}`));
  if (choice) choosable(g, node.name, choice);
  const round = node.type === "Succeed" || node.type === "Fail" ? 17 : node.type === "Choice" ? 4 : 6;
  g.append(svg("rect", { x, y, width: node.width, height: node.height, rx: round, class: node.children ? "container" : "" }));
  const label = svg("text", { x: x + node.width / 2, y: node.children ? y + 17 : y + node.height / 2 + 4, "text-anchor": "middle" }, node.name);
  g.append(label);
  group.append(g);
  if (node.children) drawGraph(group, node.children, progress, x + (node.width - node.children.width) / 2, y + 26, choice);
}

/**
 * The state machine as a graph, like the Step Functions console draws it: visited states
 * filled, the current ones outlined, failed ones red; each state names its progress in
 * its title for screen readers. With a `choice`, each state is a button that shows its
 * input and output.
 */
export function stateGraph(graph: StateGraph, progress: GraphProgress, label: string, choice?: GraphChoice): SVGSVGElement {
  const width = graph.width + 2 * PAD, height = graph.height + 2 * PAD;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: choice ? "group" : "img", "aria-label": label, class: "state-graph" });
  root.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, svg("path", { d: "M0,0 L10,5 L0,10 z", class: "arrow-head" }))));
  const group = svg("g");
  drawGraph(group, graph, progress, PAD, PAD, choice);
  root.append(group);
  return root;
}
