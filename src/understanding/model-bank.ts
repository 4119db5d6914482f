import type { LinearClassifier, Scored } from './classifier.js';

type Part = { classifier: LinearClassifier; offset: number };

/** One message's logits for the three models; each model's scores are worked out only when asked for. */
export class BankScores {
  constructor(
    private readonly z: readonly number[],
    private readonly parts: readonly Part[],
    /** Features the category model has a weight for, leaving out channel and cue features (see LinearClassifier.knownWords). */
    readonly known: number,
  ) {}

  category(): Scored {
    return this.scoredBy(0);
  }

  urgency(): Scored {
    return this.scoredBy(1);
  }

  act(): Scored {
    return this.scoredBy(2);
  }

  private scoredBy(i: number): Scored {
    const { classifier, offset } = this.parts[i]!;
    return classifier.scored(this.z.slice(offset, offset + classifier.labels.length));
  }
}

/**
 * The three models read the same features, so their weights sit side by side under one key: one hash lookup
 * per feature instead of four (three logits and the known-word count), which was most of the models' cost.
 * Sums run in the same order as LinearClassifier.logits, so the scores are the same to the last bit.
 *
 * All rows live in one Float64Array and the map holds a feature's row start: a small integer in the map and one
 * contiguous block of weights, instead of 32,000 typed-array objects, each an extra pointer to follow per lookup.
 */
export class ModelBank {
  /** feature → index of its row's first weight in `weights` */
  private readonly rows = new Map<string, number>();
  private readonly weights: Float64Array;
  private readonly parts: readonly Part[];
  /**
   * A plain array, copied per message: a Float64Array of 15 numbers is over V8's on-heap limit (64 bytes), so each
   * copy allocated a backing store outside the heap, which cost about as much as the sums.
   */
  private readonly bias: number[];
  /** Index of the flag "the category model knows this feature", after the models' weights. */
  private readonly knownSlot: number;

  constructor(models: { category: LinearClassifier; urgency: LinearClassifier; act: LinearClassifier }) {
    let offset = 0;
    this.parts = [models.category, models.urgency, models.act].map((classifier) => {
      const part = { classifier, offset };
      offset += classifier.labels.length;
      return part;
    });
    this.knownSlot = offset;
    this.bias = new Array<number>(offset).fill(0);
    const width = offset + 1;
    for (const { classifier } of this.parts) for (const [feature] of classifier.entries()) if (!this.rows.has(feature)) this.rows.set(feature, this.rows.size * width);
    this.weights = new Float64Array(this.rows.size * width);
    for (const { classifier, offset: at } of this.parts) {
      classifier.bias.forEach((b, j) => (this.bias[at + j] = b));
      for (const [feature, w] of classifier.entries()) {
        const row = this.rows.get(feature)!;
        this.weights.set(w, row + at);
        if (classifier === models.category) this.weights[row + offset] = 1;
      }
    }
  }

  /** `features` must be distinct, as for LinearClassifier. */
  score(features: readonly string[]): BankScores {
    const n = this.knownSlot;
    const z = this.bias.slice();
    const scale = 1 / Math.sqrt(Math.max(1, features.length));
    const weights = this.weights;
    let known = 0;
    for (const f of features) {
      const row = this.rows.get(f);
      if (row === undefined) continue;
      for (let j = 0; j < n; j++) z[j]! += weights[row + j]! * scale;
      if (weights[row + n] === 1 && !f.startsWith('ch:') && !f.startsWith('cue:')) known++;
    }
    return new BankScores(z, this.parts, known);
  }
}
