import { mapWithConcurrency } from './mapWithConcurrency';

describe('mapWithConcurrency', () => {
  it('keeps order, limits calls in flight and reports errors in place', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const settled: number[] = [];
    const results = await mapWithConcurrency(
      [1, 2, 3, 4, 5, 6, 7],
      3,
      async n => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise(r => setTimeout(r, (7 - n) * 2));
        inFlight--;
        if (n === 4) throw new Error('boom');
        return n * 10;
      },
      { onSettled: done => settled.push(done) },
    );
    expect(maxInFlight).toBe(3);
    expect(results.slice(0, 3)).toEqual([10, 20, 30]);
    expect(results[3]).toEqual(new Error('boom'));
    expect(results.slice(4)).toEqual([50, 60, 70]);
    expect(settled).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops starting calls once aborted', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    await mapWithConcurrency(
      [1, 2, 3, 4],
      1,
      async n => {
        seen.push(n);
        if (n === 2) controller.abort();
        return n;
      },
      { signal: controller.signal },
    );
    expect(seen).toEqual([1, 2]);
  });

  it('handles no items', async () => {
    expect(await mapWithConcurrency([], 4, async x => x)).toEqual([]);
  });
});
