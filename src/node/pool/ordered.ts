/**
 * @module Streaming through the pool in input order with bounded memory: items are grouped into batches, a few
 * batches per worker are in flight at once, and results come out in the order the items went in.
 */

export interface OrderedOptions {
  /** Items per batch sent to a worker (default 64). */
  batchSize?: number | undefined;
  /** Batches in flight at once (default 2 per worker, at least 2). */
  inFlight?: number | undefined;
}

/**
 * Map `items` through `run` (one call per batch, answering one result per item in order), yielding
 * `[item, result]` pairs in input order. At most `inFlight` batches are pending, so memory stays flat
 * however long the input.
 */
export async function* mapOrdered<T, R>(
  items: AsyncIterable<T> | Iterable<T>,
  run: (batch: T[]) => Promise<R[]>,
  options: OrderedOptions = {},
): AsyncGenerator<[T, R]> {
  const batchSize = Math.max(1, options.batchSize ?? 64);
  const inFlight = Math.max(1, options.inFlight ?? 4);
  const pending: { batch: T[]; results: Promise<R[]> }[] = [];
  let batch: T[] = [];
  const submit = (): void => {
    const b = batch;
    batch = [];
    const results = run(b);
    // Rejections surface when the batch is awaited, in order; never as an unhandled rejection before that.
    results.catch(() => {});
    pending.push({ batch: b, results });
  };
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= batchSize) {
      submit();
      while (pending.length >= inFlight) {
        const head = pending.shift()!;
        const results = await head.results;
        for (let i = 0; i < head.batch.length; i++) yield [head.batch[i]!, results[i]!];
      }
    }
  }
  if (batch.length > 0) submit();
  while (pending.length > 0) {
    const head = pending.shift()!;
    const results = await head.results;
    for (let i = 0; i < head.batch.length; i++) yield [head.batch[i]!, results[i]!];
  }
}
