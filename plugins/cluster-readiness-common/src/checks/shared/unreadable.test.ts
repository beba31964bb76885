import { SnapshotIndex } from '../../engine/SnapshotIndex';
import { forbidden, snapshot } from '../../__testUtils__/factories';
import {
  describeUnreadable,
  unreadable,
  unreadableKeys,
  unreadableOutcome,
} from './unreadable';

const index = new SnapshotIndex(
  snapshot({ nodes: [], 'daemonsets.apps': forbidden('daemonsets.apps') }),
);

describe('shared unreadable helpers', () => {
  it('says why a resource was not read and which grant is missing', () => {
    expect(describeUnreadable(index, 'daemonsets.apps')).toBe(
      'list daemonsets.apps failed (403 Forbidden)',
    );
    expect(describeUnreadable(index, 'pods')).toBe('pods not collected');
    expect(unreadable(index, 'nodes')).toBeUndefined();
    expect(unreadable(index, 'pods')).toEqual({
      reason: 'pods not collected',
      grant: 'list pods',
    });
    expect(unreadableKeys(index, ['nodes', 'pods', 'daemonsets.apps'])).toEqual(
      ['pods', 'daemonsets.apps'],
    );
  });

  it('words the unknown outcome as the engine does, with an optional consequence', () => {
    expect(unreadableOutcome(index, ['pods', 'daemonsets.apps'])).toEqual({
      status: 'unknown',
      message:
        'Not observable: pods not collected; list daemonsets.apps failed (403 Forbidden).',
      missingReads: ['list pods', 'list daemonsets.apps'],
    });
    expect(
      unreadableOutcome(index, ['pods'], 'nothing can be said').message,
    ).toBe('Not observable: pods not collected; nothing can be said.');
  });
});
