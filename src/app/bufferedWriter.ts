/** Coalesces many small writes (one per batch query) into few large ones, without holding text back. */

/** A writer whose text reaches the sink at the latest on the next turn of the event loop, or at `flush()`. */
export interface BufferedWriter {
  write(text: string): void;
  flush(): void;
}

/** Wraps `sink`; text goes out when 64 KiB have gathered, when the current turn of the event loop ends, or on flush(). */
export function bufferedWriter(sink: { write(text: string): unknown }, limit = 65536): BufferedWriter {
  let pending: string[] = [];
  let size = 0;
  let scheduled: NodeJS.Immediate | undefined;
  const flush = (): void => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (size === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    sink.write(text);
  };
  return {
    write(text: string): void {
      if (text === '') return;
      pending.push(text);
      size += text.length;
      if (size >= limit) flush();
      else scheduled ??= setImmediate(flush);
    },
    flush,
  };
}
