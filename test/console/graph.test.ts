import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { StateGraph } from "@pricing/console/api";
import { layoutStateMachine, transitions, type AslMachine } from "@pricing/console/server/graph";

/** The Lifecycle machine's shape (stacks/Lifecycle.ts): a main line, choices to Void, a Catch to AutoConfirm. */
const LIFECYCLE: AslMachine = {
  StartAt: "Register",
  States: {
    Register: { Type: "Task", Next: "PricePreEvent" },
    PricePreEvent: { Type: "Task", Next: "AwaitKickoff" },
    AwaitKickoff: { Type: "Task", Next: "KickedOff?" },
    "KickedOff?": { Type: "Choice", Choices: [{ Variable: "$.signal.epoch", StringEquals: "ABANDONED", Next: "Void" }], Default: "InPlay" },
    InPlay: { Type: "Task", Next: "AwaitFinalWhistle" },
    AwaitFinalWhistle: { Type: "Task", Next: "FinalWhistle?" },
    "FinalWhistle?": { Type: "Choice", Choices: [{ Variable: "$.signal.epoch", StringEquals: "ABANDONED", Next: "Void" }], Default: "AwaitResult" },
    AwaitResult: { Type: "Task", Next: "Result?", Catch: [{ ErrorEquals: ["States.Timeout"], Next: "AutoConfirm" }] },
    AutoConfirm: { Type: "Pass", Next: "Settle" },
    "Result?": { Type: "Choice", Choices: [{ Variable: "$.signal.epoch", StringEquals: "ABANDONED", Next: "Void" }], Default: "Settle" },
    Settle: { Type: "Task", Next: "Settled" },
    Settled: { Type: "Succeed" },
    Void: { Type: "Task", Next: "Voided" },
    Voided: { Type: "Succeed" },
  },
};

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Checks what a drawing needs: states apart and inside the frame, every transition an edge from its source to its target. */
function checkDrawable(graph: StateGraph, machine: AslMachine): void {
  for (const [i, a] of graph.nodes.entries()) {
    assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.width <= graph.width + 1e-9 && a.y + a.height <= graph.height + 1e-9, `${a.name} inside the frame`);
    for (const b of graph.nodes.slice(i + 1)) assert.ok(!overlaps(a, b), `${a.name} and ${b.name} overlap`);
  }
  const expected = graph.nodes.flatMap((n) => transitions(machine.States[n.name]).map((t) => `${n.name}>${t.to}`)).sort();
  assert.deepEqual(graph.edges.map((e) => `${e.from}>${e.to}`).sort(), expected);
  for (const e of graph.edges) {
    const from = graph.nodes.find((n) => n.name === e.from)!, to = graph.nodes.find((n) => n.name === e.to)!;
    const [sx, sy] = e.points[0], [ex, ey] = e.points.at(-1)!;
    assert.ok(sy === from.y + from.height && sx >= from.x && sx <= from.x + from.width, `${e.from}>${e.to} leaves from the bottom of its source`);
    assert.ok(ey === to.y && ex === to.x + to.width / 2, `${e.from}>${e.to} enters the top of its target`);
  }
}

describe("state machine graph layout", () => {
  test("the Lifecycle: rows follow the longest path, Settled and Voided last, every transition drawn", () => {
    const graph = layoutStateMachine(LIFECYCLE);
    checkDrawable(graph, LIFECYCLE);
    const y = (name: string) => graph.nodes.find((n) => n.name === name)!.y;
    const order = ["Register", "PricePreEvent", "AwaitKickoff", "KickedOff?", "InPlay", "AwaitFinalWhistle", "FinalWhistle?", "AwaitResult", "Result?", "Settle", "Settled"];
    for (let i = 1; i < order.length; i++) assert.ok(y(order[i]) > y(order[i - 1]), `${order[i]} below ${order[i - 1]}`);
    assert.equal(y("Voided"), y("Settled"));
    assert.equal(graph.edges.find((e) => e.from === "KickedOff?" && e.to === "Void")!.label, 'epoch = "ABANDONED"');
    assert.equal(graph.edges.find((e) => e.from === "AwaitResult" && e.to === "AutoConfirm")!.label, "catch States.Timeout");
  });

  test("edges that skip rows run in lanes beside every state", () => {
    const graph = layoutStateMachine(LIFECYCLE);
    const long = graph.edges.filter((e) => e.points.length === 6);
    assert.deepEqual(long.map((e) => e.from).sort(), ["FinalWhistle?", "KickedOff?"], "the ways to Void from before the last row skip rows");
    for (const e of long) {
      const laneX = e.points[2][0];
      for (const n of graph.nodes) assert.ok(laneX < n.x || laneX > n.x + n.width || e.points[2][1] > n.y + n.height || e.points[3][1] < n.y, `${e.from}>${e.to} lane crosses ${n.name}`);
    }
  });

  test("a Map state is a box around its item processor", () => {
    const machine: AslMachine = {
      StartAt: "Load",
      States: {
        Load: { Type: "Task", Next: "Groups" },
        Groups: { Type: "Map", ItemProcessor: { StartAt: "Price", States: { Price: { Type: "Task", End: true, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed" }] }, Failed: { Type: "Task", End: true } } }, Next: "Publish" },
        Publish: { Type: "Task", End: true },
      },
    };
    const graph = layoutStateMachine(machine);
    const map = graph.nodes.find((n) => n.name === "Groups")!;
    assert.deepEqual(map.children!.nodes.map((n) => n.name).sort(), ["Failed", "Price"]);
    assert.ok(map.width >= map.children!.width && map.height > map.children!.height);
  });

  test("any machine of tasks and choices is drawable, loops included", () => {
    const machines = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }), { minLength: n, maxLength: n }).map((targets) => {
        const name = (i: number) => `S${i}`;
        const states: AslMachine["States"] = {};
        targets.forEach((to, i) => {
          const [next, ...choices] = to;
          states[name(i)] = next === undefined
            ? { Type: "Succeed" }
            : choices.length === 0
              ? { Type: "Task", Next: name(next) }
              : { Type: "Choice", Default: name(next), Choices: choices.map((c) => ({ Variable: "$.x", NumericEquals: c, Next: name(c) })) };
        });
        return { StartAt: "S0", States: states } as AslMachine;
      }));
    fc.assert(fc.property(machines, (machine) => checkDrawable(layoutStateMachine(machine), machine)));
  });
});
