/** Runs jobs with bounded concurrency and hands results on in input order (or as they finish). */

/** Runs `worker` over `count` jobs, at most `concurrency` at once; `deliver` sees results in input order unless `unordered`. */
export async function runBounded<T>(
  count: number,
  concurrency: number,
  worker: (index: number) => Promise<T>,
  deliver: (result: T, index: number) => void,
  unordered = false,
): Promise<void> {
  const done = new Map<number, T>();
  let next = 0;
  let delivered = 0;
  const flush = (): void => {
    while (done.has(delivered)) {
      const result = done.get(delivered)!;
      done.delete(delivered);
      deliver(result, delivered++);
    }
  };
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const result = await worker(index);
      if (unordered) deliver(result, index);
      else {
        done.set(index, result);
        flush();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
}
