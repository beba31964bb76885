import { markDataReturned, markRendered, ORG_PAGE_MARK } from './renderTiming';

/** A Performance with marks and measures on an injected clock. */
function fakePerformance(clock: { now: number }) {
  const entries: Array<{ name: string; startTime: number; duration: number }> =
    [];
  const last = (name: string) =>
    [...entries].reverse().find(e => e.name === name);
  return {
    entries,
    mark: (name: string) => {
      entries.push({ name, startTime: clock.now, duration: 0 });
    },
    measure: (name: string, start: string, end: string) => {
      const from = last(start);
      const to = last(end);
      if (!from || !to) throw new Error(`no mark ${start}`);
      entries.push({
        name,
        startTime: from.startTime,
        duration: to.startTime - from.startTime,
      });
    },
    getEntriesByName: (name: string) => entries.filter(e => e.name === name),
  };
}

describe('renderTiming', () => {
  const original = globalThis.performance;
  afterEach(() => {
    Object.defineProperty(globalThis, 'performance', {
      value: original,
      configurable: true,
    });
    jest.useRealTimers();
  });

  it('measures from the last API call returned to the first paint, once per page load', () => {
    jest.useFakeTimers();
    const clock = { now: 0 };
    const perf = fakePerformance(clock);
    Object.defineProperty(globalThis, 'performance', {
      value: perf,
      configurable: true,
    });

    clock.now = 100;
    markDataReturned(); // GET /clusters
    clock.now = 250;
    markDataReturned(); // GET /fleet, the last one
    markRendered();
    clock.now = 400; // the frame is painted after this
    jest.runAllTimers();

    const measure = perf.getEntriesByName(`${ORG_PAGE_MARK}:render`);
    expect(measure).toEqual([
      { name: `${ORG_PAGE_MARK}:render`, startTime: 250, duration: 150 },
    ]);

    // a later render (a new filter) does not measure again
    clock.now = 900;
    markDataReturned();
    markRendered();
    jest.runAllTimers();
    expect(perf.getEntriesByName(`${ORG_PAGE_MARK}:render`)).toHaveLength(1);
  });

  it('does nothing where the Performance API is incomplete', () => {
    Object.defineProperty(globalThis, 'performance', {
      value: { mark: jest.fn() },
      configurable: true,
    });
    expect(() => {
      markDataReturned();
      markRendered();
    }).not.toThrow();
    expect((globalThis.performance as any).mark).not.toHaveBeenCalled();
  });
});
