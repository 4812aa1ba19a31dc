/** The items of an async source of groups, one at a time, without an async generator's promises per item. */

/** A request for the next item, waiting while the source is read. */
interface Request<T> {
  resolve: (result: IteratorResult<T>) => void;
  reject: (error: unknown) => void;
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * An async iterator over every item of `groups`, each mapped by `map`, as an async generator looping
 * over both would give them: requests answered in the order they were made, even when several wait at
 * once (the run's lanes ask concurrently), and an error ends the iteration after the request it reached.
 * An item of a group already read comes in a settled promise; only a group's first item waits on the source.
 */
export function flatGroups<G, T>(groups: AsyncIterable<readonly G[]>, map: (item: G) => T): AsyncIterableIterator<T> {
  const source = groups[Symbol.asyncIterator]();
  let group: readonly G[] = [];
  let at = 0;
  let finished = false;
  // Requests wait here only while the source is read: when nothing is being read, none waits.
  const waiting: Request<T>[] = [];
  let reading = false;
  /** The next item, or the end; a mapping that throws ends the iteration as a generator's throw would. */
  const take = (): IteratorResult<T> => {
    if (finished) return DONE;
    try {
      return { value: map(group[at++]), done: false };
    } catch (error) {
      finished = true;
      throw error;
    }
  };
  const answer = (request: Request<T>): void => {
    try {
      request.resolve(take());
    } catch (error) {
      request.reject(error);
    }
  };
  const drain = async (): Promise<void> => {
    reading = true;
    try {
      for (let request = waiting.shift(); request; request = waiting.shift()) {
        while (!finished && at >= group.length) {
          try {
            const next = await source.next();
            if (next.done) finished = true;
            else [group, at] = [next.value, 0];
          } catch (error) {
            finished = true;
            request.reject(error);
            request = undefined;
            break;
          }
        }
        if (request) answer(request);
      }
    } finally {
      reading = false;
    }
  };
  return {
    next(): Promise<IteratorResult<T>> {
      if (!reading && (finished || at < group.length)) {
        try {
          return Promise.resolve(take());
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        if (!reading) void drain();
      });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
