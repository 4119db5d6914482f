/**
 * A small multinomial logistic regression over sparse binary features.
 *
 * natural's LogisticRegressionClassifier and BayesClassifier were the design card's first choice, but
 * they re-tokenise their input, keep string-keyed dense vectors, train in minutes on a few thousand
 * examples and give poorly calibrated scores. This one trains in seconds, predicts in a few
 * microseconds, and its temperature-scaled softmax gives an honest confidence for the clarify threshold.
 */
export type LinearModel = {
  labels: string[];
  bias: number[];
  /** feature → one weight per label */
  weights: Record<string, number[]>;
  /** softmax temperature fitted on held-out predictions */
  temperature: number;
};

export type Scored = { label: string; p: number }[];

export class LinearClassifier {
  private readonly weights: Map<string, number[]>;
  constructor(private readonly model: LinearModel) {
    this.weights = new Map(Object.entries(model.weights));
  }

  get labels(): readonly string[] {
    return this.model.labels;
  }

  /** `features` must be distinct (prepare() dedupes them once for both models). */
  logits(features: readonly string[]): number[] {
    const k = this.model.labels.length;
    const z = this.model.bias.slice();
    const scale = 1 / Math.sqrt(Math.max(1, features.length));
    for (const f of features) {
      const w = this.weights.get(f);
      if (w) for (let j = 0; j < k; j++) z[j]! += w[j]! * scale;
    }
    return z;
  }

  /** How many of `features` the model has a weight for, leaving out channel and cue features. */
  knownWords(features: readonly string[]): number {
    let n = 0;
    for (const f of features) if (!f.startsWith('ch:') && !f.startsWith('cue:') && this.weights.has(f)) n++;
    return n;
  }

  /** Labels with probabilities, most likely first. */
  predict(features: readonly string[]): Scored {
    return this.scored(this.logits(features));
  }

  /** Labels with probabilities from logits, most likely first. */
  scored(logits: readonly number[]): Scored {
    const p = softmax(logits, this.model.temperature);
    return this.model.labels.map((label, i) => ({ label, p: p[i]! })).sort((a, b) => b.p - a.p);
  }

  get bias(): readonly number[] {
    return this.model.bias;
  }

  entries(): IterableIterator<[string, number[]]> {
    return this.weights.entries();
  }
}

/** Plain loops (no spread, map or reduce): it runs three times per message; same operations in the same order. */
export function softmax(z: readonly number[], temperature = 1): number[] {
  let m = -Infinity;
  for (const v of z) m = Math.max(m, v);
  const e = new Array<number>(z.length);
  let s = 0;
  for (let i = 0; i < z.length; i++) {
    const v = Math.exp((z[i]! - m) / temperature);
    e[i] = v;
    s += v;
  }
  for (let i = 0; i < e.length; i++) e[i] = e[i]! / s;
  return e;
}

/** `weight` scales the example's gradient (default 1): hand-written messages count more than template ones. */
export type TrainExample = { features: string[]; label: string; weight?: number };
export type TrainOptions = { epochs?: number; l2?: number; rate?: number; minCount?: number; seed?: number };

/** Seeded PRNG (mulberry32) so `npm run train` writes the same model every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** AdaGrad SGD on softmax cross-entropy with L2; features seen fewer than minCount times are dropped. */
export function trainLinear(examples: readonly TrainExample[], labels: readonly string[], opts: TrainOptions = {}): LinearModel {
  const { epochs = 25, l2 = 1e-4, rate = 0.5, minCount = 2, seed = 42 } = opts;
  const k = labels.length;
  const counts = new Map<string, number>();
  for (const ex of examples) for (const f of new Set(ex.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [f, c] of counts) if (c >= minCount) index.set(f, index.size);
  const W = new Float64Array(index.size * k);
  const G = new Float64Array(index.size * k).fill(1e-8);
  const b = new Float64Array(k);
  const gb = new Float64Array(k).fill(1e-8);
  const rows = examples.map((ex) => ({
    idx: [...new Set(ex.features)].map((f) => index.get(f)).filter((i): i is number => i !== undefined),
    y: labels.indexOf(ex.label),
    weight: ex.weight ?? 1,
  }));
  const rand = seededRandom(seed);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const r of order) {
      const { idx, y, weight } = rows[r]!;
      const scale = 1 / Math.sqrt(Math.max(1, idx.length));
      const z = Array.from(b);
      for (const f of idx) for (let j = 0; j < k; j++) z[j]! += W[f * k + j]! * scale;
      const p = softmax(z);
      for (let j = 0; j < k; j++) {
        const g = (p[j]! - (j === y ? 1 : 0)) * weight;
        gb[j]! += g * g;
        b[j]! -= (rate * g) / Math.sqrt(gb[j]!);
        for (const f of idx) {
          const o = f * k + j;
          const gw = g * scale + l2 * W[o]!;
          G[o]! += gw * gw;
          W[o]! -= (rate * gw) / Math.sqrt(G[o]!);
        }
      }
    }
  }
  const weights: Record<string, number[]> = {};
  for (const [f, i] of index) {
    const w = Array.from(W.subarray(i * k, i * k + k), (v) => Math.round(v * 1e4) / 1e4);
    if (w.some((v) => v !== 0)) weights[f] = w;
  }
  return { labels: [...labels], bias: Array.from(b, (v) => Math.round(v * 1e4) / 1e4), weights, temperature: 1 };
}

/** The temperature that minimises negative log-likelihood of held-out logits. */
export function fitTemperature(logits: readonly number[][], ys: readonly number[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.3; t <= 5; t += 0.05) {
    let loss = 0;
    logits.forEach((z, i) => (loss -= Math.log(Math.max(1e-12, softmax(z, t)[ys[i]!]!))));
    if (loss < bestLoss) [best, bestLoss] = [t, loss];
  }
  return Math.round(best * 100) / 100;
}
