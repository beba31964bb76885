import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILTIN_CHECKS } from '../checks';
import { renderChecksDoc } from './renderChecksDoc';

const DOC = resolve(__dirname, '../../../../docs/checks.md');

describe('docs/checks.md', () => {
  it('is up to date with the check metadata (run `yarn docs:checks`)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderChecksDoc());
  });

  it('documents every check with its id, severity, rule and remediation', () => {
    const doc = renderChecksDoc();
    expect(doc).toContain(`${BUILTIN_CHECKS.length} checks in 4 categories`);
    for (const check of BUILTIN_CHECKS) {
      expect(doc).toContain(`### \`${check.id}\``);
      expect(doc).toContain(`severity ${check.severity}`);
      expect(doc).toContain(`Rule: ${check.rule}`);
      expect(doc).toContain(check.remediation);
    }
    expect(doc).toContain('Coverage caps the grade');
    expect(doc).toContain('| k3s | `--anonymous-auth` | `false` |');
  });
});
