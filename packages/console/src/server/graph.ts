import type { GraphEdge, GraphNode, StateGraph } from "../api";

/** The part of Amazon States Language the graph reads. */
export interface AslMachine {
  StartAt: string;
  States: Record<string, AslState>;
}
type AslState = {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: Array<Record<string, unknown> & { Next: string }>;
  Catch?: Array<{ ErrorEquals: string[]; Next: string }>;
  ItemProcessor?: AslMachine;
  Iterator?: AslMachine;
  Branches?: AslMachine[];
};

/** Sizes in CSS pixels. */
const NODE_HEIGHT = 34;
const CHAR_WIDTH = 7.5;
const MIN_WIDTH = 110;
const GAP_X = 28;
const GAP_Y = 46;
const INSET = 14;
const HEADER = 26;

interface Transition {
  to: string;
  label: string | null;
}

/** Every transition out of a state: Next, each Choice rule and Default, each Catch. */
export function transitions(state: AslState): Transition[] {
  const out: Transition[] = [];
  if (state.Next) out.push({ to: state.Next, label: null });
  for (const choice of state.Choices ?? []) out.push({ to: choice.Next, label: choiceLabel(choice) });
  if (state.Default) out.push({ to: state.Default, label: "default" });
  for (const c of state.Catch ?? []) out.push({ to: c.Next, label: `catch ${c.ErrorEquals.join(", ")}` });
  return out;
}

/** A Choice rule in a few words: `epoch = "ABANDONED"` for `$.signal.epoch`. */
function choiceLabel(rule: Record<string, unknown>): string {
  const variable = typeof rule.Variable === "string" ? (rule.Variable.split(".").at(-1) ?? rule.Variable) : "";
  for (const [key, value] of Object.entries(rule)) {
    if (key === "Variable" || key === "Next") continue;
    const op = key.replace(/^(String|Numeric|Boolean|Timestamp)/, "").replace(/Path$/, "");
    const sign: Record<string, string> = { Equals: "=", LessThan: "<", GreaterThan: ">", LessThanEquals: "≤", GreaterThanEquals: "≥" };
    if (typeof value !== "object") return `${variable} ${sign[op] ?? op} ${JSON.stringify(value)}`;
    return key;
  }
  return "choice";
}

/**
 * Lays out a state machine top to bottom: each state in the row of its longest path
 * from StartAt (back edges of loops ignored), rows ordered to keep edges short by the
 * mean position of each state's parents, Map and Parallel states drawn as boxes around
 * their own graphs. Written here because the graphs are small DAGs and no layout
 * library is among the dependencies.
 */
export function layoutStateMachine(machine: AslMachine): StateGraph {
  const names = reachable(machine);
  const rank = ranks(machine, names);
  const rows: string[][] = [];
  for (const name of names) (rows[rank.get(name)!] ??= []).push(name);
  const parents = new Map<string, string[]>();
  for (const name of names) for (const t of transitions(machine.States[name])) if (rank.get(t.to)! > rank.get(name)!) (parents.get(t.to) ?? parents.set(t.to, []).get(t.to)!).push(name);

  const nodes = new Map<string, GraphNode>();
  for (const name of names) {
    const state = machine.States[name];
    const inner = state.ItemProcessor ?? state.Iterator;
    const children = inner ? layoutStateMachine(inner) : state.Branches ? sideBySide(state.Branches.map(layoutStateMachine)) : undefined;
    const labelWidth = Math.max(MIN_WIDTH, name.length * CHAR_WIDTH + 24);
    const width = children ? Math.max(labelWidth, children.width + 2 * INSET) : labelWidth;
    const height = children ? children.height + HEADER + INSET : NODE_HEIGHT;
    nodes.set(name, { name, type: state.Type, x: 0, y: 0, width, height, ...(children ? { children } : {}) });
  }

  let y = 0, width = 0;
  const order = new Map<string, number>();
  for (const row of rows) {
    if (!row) continue;
    const mean = (n: string) => {
      const ps = parents.get(n) ?? [];
      return ps.length ? ps.reduce((s, p) => s + order.get(p)!, 0) / ps.length : 0;
    };
    row.sort((a, b) => mean(a) - mean(b));
    let x = 0;
    for (const name of row) {
      const node = nodes.get(name)!;
      node.x = x;
      node.y = y;
      order.set(name, x + node.width / 2);
      x += node.width + GAP_X;
    }
    width = Math.max(width, x - GAP_X);
    y += Math.max(...row.map((n) => nodes.get(n)!.height)) + GAP_Y;
  }
  for (const row of rows) {
    if (!row) continue;
    const last = nodes.get(row.at(-1)!)!;
    const shift = (width - (last.x + last.width)) / 2;
    for (const name of row) nodes.get(name)!.x += shift;
  }

  return withEdges(names, machine, nodes, rank, width, Math.max(0, y - GAP_Y));
}

/** Space between the vertical lanes of edges that skip rows, CSS pixels. */
const LANE = 10;

/**
 * Edges between neighbouring rows go straight down (with a bend in the gap between the
 * rows); an edge that skips rows runs down a lane of its own beside the graph, so it
 * crosses no state. Edges out of one state leave from spread points of its bottom.
 */
function withEdges(names: string[], machine: AslMachine, nodes: Map<string, GraphNode>, rank: Map<string, number>, innerWidth: number, height: number): StateGraph {
  type Route = { from: string; to: string; label: string | null; k: number; n: number; side: "left" | "right" | null };
  const routes: Route[] = [];
  for (const name of names) {
    const out = transitions(machine.States[name]).filter((t) => nodes.has(t.to));
    out.forEach((t, k) => {
      const to = nodes.get(t.to)!;
      const skips = rank.get(t.to)! - rank.get(name)! !== 1;
      const side = skips ? (to.x + to.width / 2 <= innerWidth / 2 ? "left" : "right") : null;
      routes.push({ from: name, to: t.to, label: t.label, k, n: out.length, side });
    });
  }
  const left = routes.filter((r) => r.side === "left").length, right = routes.filter((r) => r.side === "right").length;
  const shift = left * LANE;
  for (const node of nodes.values()) node.x += shift;
  let leftLane = 0, rightLane = 0;
  const edges: GraphEdge[] = routes.map((r) => {
    const from = nodes.get(r.from)!, to = nodes.get(r.to)!;
    const start: [number, number] = [from.x + (from.width * (r.k + 1)) / (r.n + 1), from.y + from.height];
    const end: [number, number] = [to.x + to.width / 2, to.y];
    const below = start[1] + GAP_Y / 2, above = end[1] - GAP_Y / 2;
    if (r.side === null && end[1] > start[1]) return { from: r.from, to: r.to, label: r.label, points: [start, [start[0], below], [end[0], below], end] };
    const lane = r.side === "right" ? shift + innerWidth + LANE * ++rightLane : shift - LANE * ++leftLane;
    return { from: r.from, to: r.to, label: r.label, points: [start, [start[0], below], [lane, below], [lane, above], [end[0], above], end] };
  });
  return { width: Math.max(shift + innerWidth + right * LANE, MIN_WIDTH), height, nodes: [...nodes.values()], edges };
}

function sideBySide(graphs: StateGraph[]): StateGraph {
  let x = 0;
  const nodes: GraphNode[] = [], edges: GraphEdge[] = [];
  for (const g of graphs) {
    nodes.push(...g.nodes.map((n) => ({ ...n, x: n.x + x })));
    edges.push(...g.edges.map((e) => ({ ...e, points: e.points.map(([px, py]) => [px + x, py] as [number, number]) })));
    x += g.width + GAP_X;
  }
  return { width: Math.max(0, x - GAP_X), height: Math.max(0, ...graphs.map((g) => g.height)), nodes, edges };
}

/** States reachable from StartAt, in the order a depth-first walk meets them. */
function reachable(machine: AslMachine): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !machine.States[name]) return;
    seen.add(name);
    for (const t of transitions(machine.States[name])) visit(t.to);
  };
  visit(machine.StartAt);
  return [...seen];
}

/** Longest-path rank of each state, ignoring the edges that close a loop. */
function ranks(machine: AslMachine, names: string[]): Map<string, number> {
  const back = new Set<string>();
  const onPath = new Set<string>(), done = new Set<string>();
  const dfs = (name: string) => {
    onPath.add(name);
    for (const t of transitions(machine.States[name])) {
      if (!machine.States[t.to]) continue;
      if (onPath.has(t.to)) back.add(`${name}>${t.to}`);
      else if (!done.has(t.to)) dfs(t.to);
    }
    onPath.delete(name);
    done.add(name);
  };
  dfs(machine.StartAt);
  const rank = new Map<string, number>(names.map((n) => [n, 0]));
  // Relax in topological order: a DFS post-order reversed.
  const order: string[] = [];
  const seen = new Set<string>();
  const post = (name: string) => {
    seen.add(name);
    for (const t of transitions(machine.States[name])) if (machine.States[t.to] && !seen.has(t.to) && !back.has(`${name}>${t.to}`)) post(t.to);
    order.push(name);
  };
  post(machine.StartAt);
  for (const name of order.reverse()) {
    for (const t of transitions(machine.States[name])) {
      if (!machine.States[t.to] || back.has(`${name}>${t.to}`)) continue;
      rank.set(t.to, Math.max(rank.get(t.to)!, rank.get(name)! + 1));
    }
  }
  return rank;
}
