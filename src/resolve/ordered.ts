/** Runs jobs with bounded concurrency and hands results on in input order (or as they finish). */

/**
 * Runs `worker` over `jobs`, at most `concurrency` at once, taking each job only when a lane is free
 * (so an async source is read as fast as it is worked, not ahead); `deliver` sees results in input
 * order unless `unordered`. Only results waiting for an earlier, slower job are held.
 */
export async function runBounded<J, T>(
  jobs: Iterable<J> | AsyncIterable<J>,
  concurrency: number,
  worker: (job: J, index: number) => Promise<T>,
  deliver: (result: T, index: number) => void,
  unordered = false,
): Promise<void> {
  const source: Iterator<J> | AsyncIterator<J> =
    Symbol.asyncIterator in jobs ? jobs[Symbol.asyncIterator]() : jobs[Symbol.iterator]();
  // Boxed, so a result that is itself undefined is still told apart from one not there yet.
  const done = new Map<number, { result: T }>();
  let next = 0;
  let delivered = 0;
  let exhausted = false;
  const flush = (): void => {
    for (let box = done.get(delivered); box; box = done.get(delivered)) {
      done.delete(delivered);
      deliver(box.result, delivered++);
    }
  };
  const lane = async (): Promise<void> => {
    while (!exhausted) {
      // The index is taken with the request for the job: an async source answers requests in order.
      const index = next++;
      const item = await source.next();
      if (item.done) {
        exhausted = true;
        return;
      }
      const result = await worker(item.value, index);
      if (unordered) deliver(result, index);
      else {
        done.set(index, { result });
        flush();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
}
