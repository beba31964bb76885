import { BUILTIN_CHECKS } from '../checks';
import { checkMetadata } from '../checks/ReadinessCheck';
import { evaluate } from '../engine/evaluate';
import { snapshot } from '../__testUtils__/factories';
import { k3sCluster } from '../__testUtils__/distributionFactories';
import { toJunit, toSarif } from './formats';

const metadata = BUILTIN_CHECKS.map(checkMetadata);

describe('report formats show the distribution and the capped grade (v2)', () => {
  const report = evaluate(k3sCluster());

  it('SARIF: each run carries the summary', () => {
    const sarif = toSarif([report], metadata) as {
      runs: Array<{ properties: Record<string, unknown> }>;
    };
    expect(sarif.runs[0].properties).toEqual({
      cluster: 'test-cluster',
      distribution: 'k3s',
      score: report.score,
      grade: report.grade,
      gradeLabel: expect.any(String),
      gradeCap: report.gradeCap,
      coverage: report.coverage,
    });
  });

  it('SARIF and JUnit say "no grade · coverage N %" when the grade is withheld', () => {
    const blind = evaluate(snapshot({ nodes: [] }));
    expect(blind.grade).toBeNull();
    const label = `no grade · coverage ${Math.round(blind.coverage! * 100)} %`;
    const sarif = toSarif([blind], metadata) as {
      runs: Array<{ properties: Record<string, unknown> }>;
    };
    expect(sarif.runs[0].properties.gradeLabel).toBe(label);
    expect(toJunit(blind)).toContain(
      `<property name="cluster.grade" value="${label}"/>`,
    );
  });

  it('JUnit: every suite has the distribution and both grades as properties', () => {
    const xml = toJunit(report);
    const suites = xml.split('<testsuite ').length - 1;
    expect(suites).toBe(4);
    expect(
      xml.split('<property name="distribution" value="k3s"/>').length - 1,
    ).toBe(suites);
    expect(xml).toMatch(/<property name="category.grade" value="[^"]+"\/>/);
    // Properties come before the test cases of their suite.
    const firstSuite = xml.slice(xml.indexOf('<testsuite '));
    expect(firstSuite.indexOf('<properties>')).toBeLessThan(
      firstSuite.indexOf('<testcase'),
    );
  });
});
