import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import { binaryLogLoss, brier, marketLogLoss, reliabilityBins, settledShare } from "@pricing/console/server/calibration";

describe("calibration of settled selections", () => {
  test("binary log-loss: ln 2 for a coin flip, -ln p for a sure outcome forecast at p", () => {
    assert.equal(binaryLogLoss([{ forecast: 0.5, outcome: 1 }]), Math.LN2);
    assert.equal(binaryLogLoss([{ forecast: 0.5, outcome: 0 }]), 0.6931471805599453);
    // Two selections: a winner forecast at 0.8 and a loser at 0.3: (-ln 0.8 - ln 0.7) / 2.
    const loss = binaryLogLoss([{ forecast: 0.8, outcome: 1 }, { forecast: 0.3, outcome: 0 }])!;
    assert.ok(Math.abs(loss - (0.2231435513142097 + 0.35667494393873245) / 2) < 1e-15);
    assert.equal(binaryLogLoss([]), null);
  });

  test("a forecast of 0 for what happened costs -ln 1e-15, not Infinity", () => {
    assert.ok(Math.abs(binaryLogLoss([{ forecast: 0, outcome: 1 }])! - 34.538776394910684) < 1e-9);
  });

  test("market log-loss is -ln p(winner) for one-winner markets and null otherwise", () => {
    assert.ok(Math.abs(marketLogLoss([0.6114897, 0.226823, 0.1616873], ["won", "lost", "lost"])! - 0.49186) < 1e-5);
    assert.equal(marketLogLoss([0.5, 0.5], ["push", "push"]), null);
    assert.equal(marketLogLoss([0.7, 0.3], ["won", "won"]), null);
    assert.equal(marketLogLoss([0.7, 0.2], ["won", "lost"]), null, "probabilities must sum to 1");
  });

  test("a settled outcome is the share of the stake won; void has none", () => {
    assert.deepEqual(["won", "half-won", "push", "half-lost", "lost", "void"].map(settledShare), [1, 0.5, 0, 0, 0, null]);
    assert.throws(() => settledShare("cashed out"), { code: "console.unknown_outcome" });
  });

  test("Brier score is the mean squared error", () => {
    assert.ok(Math.abs(brier([{ forecast: 0.8, outcome: 1 }, { forecast: 0.3, outcome: 0 }])! - (0.04 + 0.09) / 2) < 1e-15);
  });

  const sample = fc.record({ forecast: fc.double({ min: 0, max: 1, noNaN: true }), outcome: fc.constantFrom(0, 0.5, 1) });

  test("reliability bins hold every sample once, each mean inside its bin, frequencies in [0, 1]", () => {
    fc.assert(fc.property(fc.array(sample, { maxLength: 200 }), fc.integer({ min: 1, max: 20 }), (samples, bins) => {
      const out = reliabilityBins(samples, bins);
      assert.equal(out.reduce((n, b) => n + b.count, 0), samples.length);
      for (const b of out) {
        assert.ok(b.count > 0);
        assert.ok(b.meanForecast >= b.from - 1e-12 && (b.meanForecast < b.to + 1e-12));
        assert.ok(b.observedFrequency >= 0 && b.observedFrequency <= 1);
      }
    }));
  });

  test("log-loss is never negative or NaN and is smallest when forecasts are the outcomes", () => {
    fc.assert(fc.property(fc.array(sample, { minLength: 1, maxLength: 50 }), (samples) => {
      const loss = binaryLogLoss(samples)!;
      assert.ok(loss >= 0 && Number.isFinite(loss));
      assert.ok(binaryLogLoss(samples.map((s) => ({ forecast: s.outcome, outcome: s.outcome })))! <= loss + 1e-12);
    }));
  });

  test("a forecast outside [0, 1] is refused", () => {
    assert.throws(() => reliabilityBins([{ forecast: 1.2, outcome: 1 }]), { code: "console.invalid_sample" });
    assert.throws(() => binaryLogLoss([{ forecast: Number.NaN, outcome: 1 }]), { code: "console.invalid_sample" });
  });
});
