/** Runs tasks one at a time per key; `busy(key)` says whether a task of that key is running or waiting. */
export type SerialQueue = (<T>(key: string, task: () => Promise<T>) => Promise<T>) & { busy(key: string): boolean };

/**
 * Runs tasks one at a time per key (a conversation) within this process, so two messages of one
 * conversation never interleave their dialog state. Across instances the eTag on stored state decides.
 */
export function createSerialQueue(): SerialQueue {
  const tails = new Map<string, Promise<unknown>>();
  const enqueue = <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
  return Object.assign(enqueue, { busy: (key: string) => tails.has(key) });
}
