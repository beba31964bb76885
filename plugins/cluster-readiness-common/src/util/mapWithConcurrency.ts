/**
 * Maps items with at most `limit` calls in flight, in input order. A failing call
 * yields its error in place of a value, so one unreadable cluster does not abort
 * the rest.
 * @public
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
  options: { onSettled?: (done: number) => void; signal?: AbortSignal } = {},
): Promise<Array<R | Error>> {
  const results = new Array<R | Error>(items.length);
  let next = 0;
  let done = 0;
  async function worker() {
    while (next < items.length && !options.signal?.aborted) {
      const i = next++;
      try {
        results[i] = await fn(items[i]);
      } catch (e) {
        results[i] = e instanceof Error ? e : new Error(String(e));
      }
      options.onSettled?.(++done);
    }
  }
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker),
  );
  return results;
}
