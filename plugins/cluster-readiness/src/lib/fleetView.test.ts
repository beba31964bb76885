import {
  DEFAULT_VIEW,
  fleetViewQuery,
  isEmptyFilter,
  parseFleetView,
} from './fleetView';

describe('fleetView', () => {
  it('round-trips every filter, the sort and the page size through the URL query', () => {
    const view = {
      filter: {
        owner: ['group:default/platform-team', 'group:default/data & ml'],
        system: ['system:default/payments'],
        grade: ['F' as const, 'none' as const],
        state: ['pending' as const, 'error' as const],
        stale: false,
        q: 'prod eu',
      },
      sort: 'owner' as const,
      order: 'desc' as const,
      pageSize: 100,
    };
    const query = fleetViewQuery(view);
    expect(query.getAll('owner')).toEqual(view.filter.owner);
    expect(parseFleetView(new URLSearchParams(query.toString()))).toEqual(view);
  });

  it('leaves defaults out of the query and reads an empty query as the default view', () => {
    expect(fleetViewQuery(DEFAULT_VIEW).toString()).toBe('');
    expect(parseFleetView(new URLSearchParams())).toEqual(DEFAULT_VIEW);
  });

  it('drops unknown values so an outdated link still opens', () => {
    const view = parseFleetView(
      new URLSearchParams(
        'grade=Z&grade=A&state=gone&stale=maybe&sort=colour&order=up&pageSize=7&q=%20%20&owner=',
      ),
    );
    expect(view).toEqual({ ...DEFAULT_VIEW, filter: { grade: ['A'] } });
  });

  it('knows an empty filter', () => {
    expect(isEmptyFilter({})).toBe(true);
    expect(isEmptyFilter({ owner: [] })).toBe(true);
    expect(isEmptyFilter({ stale: false })).toBe(false);
    expect(isEmptyFilter({ q: 'x' })).toBe(false);
  });
});
