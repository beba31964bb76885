import {
  BUILTIN_CHECKS,
  ReadinessCheck,
} from '@cluster-readiness/backstage-plugin-common';
import { CustomCheckRegistry } from './clusterReadinessChecksExtensionPoint';

const custom: ReadinessCheck = {
  id: 'nodes.custom-os-image',
  title: 'Nodes run the approved OS image',
  category: 'nodes',
  severity: 'low',
  description: 'Company policy.',
  rule: 'pass when every node runs Debian',
  remediation: 'https://kubernetes.io/docs/concepts/architecture/nodes/',
  reads: ['nodes'],
  evaluate: () => ({ status: 'pass', message: 'ok' }),
};

describe('CustomCheckRegistry', () => {
  const reserved = new Set(BUILTIN_CHECKS.map(c => c.id));

  it('collects added checks', () => {
    const registry = new CustomCheckRegistry(reserved);
    registry.addChecks(custom);
    expect(registry.list().map(c => c.id)).toEqual(['nodes.custom-os-image']);
  });

  it('refuses an id that shadows a built-in check', () => {
    const registry = new CustomCheckRegistry(reserved);
    const id = BUILTIN_CHECKS[0].id;
    expect(() => registry.addChecks({ ...custom, id })).toThrow(
      `a check with id '${id}' already exists`,
    );
  });

  it('refuses the same id twice', () => {
    const registry = new CustomCheckRegistry(reserved);
    registry.addChecks(custom);
    expect(() => registry.addChecks(custom)).toThrow('already exists');
  });
});
