import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { InputError } from "../errors";

/** A seeded source of draws: the same seed gives the same sequence on every machine. */
export interface Random {
  /** An integer in [from, to], both included. */
  int(from: number, to: number): number;
  /** A float in [0, 1). */
  unit(): number;
  /** An index drawn with probability proportional to its (non-negative) weight. */
  weighted(weights: readonly number[]): number;
  /** The same items in a uniformly random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/**
 * A generator seeded from `seed` and a `stream` name (a match id), so each match draws
 * from its own stream: limiting a replay to fewer matches leaves the others unchanged.
 */
export function seededRandom(seed: number, stream = ""): Random {
  if (!Number.isSafeInteger(seed)) throw new InputError("matchday.invalid_seed", `--seed must be an integer, got ${seed}`);
  const rng = xoroshiro128plus((seed ^ fnv1a(stream)) | 0);
  const unit = () => uniformFloat64(rng);
  return {
    int: (from, to) => uniformInt(rng, from, to),
    unit,
    weighted(weights) {
      const total = weights.reduce((sum, w) => sum + w, 0);
      if (!(total > 0)) throw new InputError("matchday.invalid_weights", "weights must be non-negative with a positive sum");
      let x = unit() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i];
        if (x < 0) return i;
      }
      return weights.length - 1;
    },
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = uniformInt(rng, 0, i);
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

/** 32-bit FNV-1a of a string: a stable way to turn a match id into part of a seed. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
