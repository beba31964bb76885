/**
 * Performance marks of the organisation page, read by `yarn bench:org-page`:
 * `<prefix>:data` when the last of the page's API calls has returned, `<prefix>:rendered`
 * once the page has painted with that data, and the measure `<prefix>:render` between
 * them (the first full render after the API calls return).
 */
export const ORG_PAGE_MARK = 'cluster-readiness:org-page';

function perf(): Performance | undefined {
  return typeof performance !== 'undefined' &&
    typeof performance.mark === 'function' &&
    typeof performance.measure === 'function' &&
    typeof performance.getEntriesByName === 'function'
    ? performance
    : undefined;
}

/** Marks that one of the page's API calls returned (the last mark wins). */
export function markDataReturned(): void {
  perf()?.mark(`${ORG_PAGE_MARK}:data`);
}

/** Marks the first paint with data and measures it from the last returned call; once per page load. */
export function markRendered(): void {
  const p = perf();
  if (!p || p.getEntriesByName(`${ORG_PAGE_MARK}:rendered`).length) return;
  const done = () => {
    if (p.getEntriesByName(`${ORG_PAGE_MARK}:rendered`).length) return;
    p.mark(`${ORG_PAGE_MARK}:rendered`);
    try {
      p.measure(
        `${ORG_PAGE_MARK}:render`,
        `${ORG_PAGE_MARK}:data`,
        `${ORG_PAGE_MARK}:rendered`,
      );
    } catch {
      // no data mark (e.g. cached): nothing to measure
    }
  };
  // After the browser has painted the committed frame.
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(() => setTimeout(done, 0));
  } else {
    done();
  }
}
