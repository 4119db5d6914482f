/** Per-class precision, recall and F1, macro-F1 and a confusion matrix (rows gold, columns predicted). */
export type ClassScores = { precision: number; recall: number; f1: number; support: number };
export type ClassReport = { perClass: Record<string, ClassScores>; macroF1: number; confusion: Record<string, Record<string, number>> };

export function classScores(labels: readonly string[], gold: readonly string[], pred: readonly string[]): ClassReport {
  const perClass: Record<string, ClassScores> = {};
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) confusion[g] = Object.fromEntries(labels.map((p) => [p, 0]));
  gold.forEach((g, i) => confusion[g]![pred[i]!]!++);
  for (const c of labels) {
    const tp = gold.filter((g, i) => g === c && pred[i] === c).length;
    const fp = pred.filter((p, i) => p === c && gold[i] !== c).length;
    const fn = gold.filter((g, i) => g === c && pred[i] !== c).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    perClass[c] = { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support: tp + fn };
  }
  const macroF1 = labels.reduce((s, c) => s + perClass[c]!.f1, 0) / labels.length;
  return { perClass, macroF1, confusion };
}

