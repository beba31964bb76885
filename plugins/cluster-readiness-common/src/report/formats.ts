import type { CheckMetadata } from '../checks/ReadinessCheck';
import type { CheckResult, ClusterReport } from '../types';
import { isWaived } from './scoring';
import { gradeLabel } from './gradeLabel';

/** The report's summary as exports carry it: distribution, score and a capped or withheld grade. */
function summaryOf(report: ClusterReport) {
  return {
    distribution: report.distribution?.name ?? 'unknown',
    score: report.score,
    grade: report.grade,
    gradeLabel: gradeLabel(report),
    gradeCap: report.gradeCap ?? null,
    coverage: report.coverage,
  };
}

const SARIF_LEVEL: Partial<Record<CheckResult['status'], string>> = {
  fail: 'error',
  warn: 'warning',
};

/**
 * SARIF 2.1.0: one rule per check, one result per unwaived `warn` or `fail`, located
 * at the cluster. Several reports make one run each.
 * @public
 */
export function toSarif(
  reports: readonly ClusterReport[],
  checks: readonly CheckMetadata[],
  toolVersion = '0.1.0',
): object {
  const rules = checks.map(c => ({
    id: c.id,
    name: c.title,
    shortDescription: { text: c.title },
    fullDescription: { text: c.description },
    help: { text: `${c.rule}\n${c.remediation}` },
    helpUri: c.remediation,
    properties: { category: c.category, severity: c.severity },
    defaultConfiguration: {
      level:
        c.severity === 'critical' || c.severity === 'high'
          ? 'error'
          : 'warning',
    },
  }));
  const ruleIndex = new Map(checks.map((c, i) => [c.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: reports.map(report => ({
      tool: {
        driver: {
          name: 'cluster-readiness',
          version: toolVersion,
          informationUri:
            'https://kubernetes.io/docs/setup/production-environment/',
          rules,
        },
      },
      automationDetails: { id: `cluster-readiness/${report.cluster.name}` },
      properties: { cluster: report.cluster.name, ...summaryOf(report) },
      results: report.checks
        .filter(r => SARIF_LEVEL[r.status] && !isWaived(r))
        .map(r => ({
          ruleId: r.id,
          ...(ruleIndex.has(r.id) ? { ruleIndex: ruleIndex.get(r.id) } : {}),
          level: SARIF_LEVEL[r.status],
          message: { text: r.message },
          locations: [
            {
              logicalLocations: [
                {
                  name: report.cluster.name,
                  fullyQualifiedName: `cluster/${report.cluster.name}`,
                  kind: 'resource',
                },
              ],
            },
          ],
          properties: {
            cluster: report.cluster.name,
            severity: r.severity,
            evidence: r.evidence,
          },
        })),
    })),
  };
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * JUnit XML: a test suite per category, a test case per check; `fail` is a failure,
 * `unknown` an error, `not-applicable` and waived results are skipped, `warn` passes
 * with its message in system-out. Each suite's properties give the distribution and
 * the cluster's and category's score and (capped or withheld) grade.
 * @public
 */
export function toJunit(report: ClusterReport): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const name = `cluster-readiness ${report.cluster.name}`;
  const failures = report.checks.filter(
    r => r.status === 'fail' && !isWaived(r),
  ).length;
  const errors = report.checks.filter(
    r => r.status === 'unknown' && !isWaived(r),
  ).length;
  const skipped = report.checks.filter(
    r => r.status === 'not-applicable' || isWaived(r),
  ).length;
  lines.push(
    `<testsuites name="${xml(name)}" tests="${
      report.checks.length
    }" failures="${failures}" errors="${errors}" skipped="${skipped}">`,
  );
  for (const category of report.categories) {
    const results = report.checks.filter(r => r.category === category.id);
    if (!results.length) continue;
    const c = category.counts;
    lines.push(
      `  <testsuite name="${xml(
        `${report.cluster.name}.${category.id}`,
      )}" tests="${results.length}" failures="${c.fail}" errors="${
        c.unknown
      }" skipped="${c['not-applicable'] + c.waived}" timestamp="${xml(
        report.collectedAt,
      )}">`,
    );
    const summary = summaryOf(report);
    const properties: Array<[string, unknown]> = [
      ['distribution', summary.distribution],
      ['cluster.score', summary.score ?? ''],
      ['cluster.grade', summary.gradeLabel],
      ['cluster.coverage', summary.coverage ?? ''],
      ['category.score', category.score ?? ''],
      ['category.grade', gradeLabel(category)],
    ];
    lines.push('    <properties>');
    for (const [key, value] of properties) {
      lines.push(
        `      <property name="${xml(key)}" value="${xml(String(value))}"/>`,
      );
    }
    lines.push('    </properties>');
    for (const r of results) {
      const open = `    <testcase classname="${xml(
        `${report.cluster.name}.${r.category}`,
      )}" name="${xml(`${r.id}: ${r.title}`)}">`;
      const detail = xml(
        [r.message, ...r.evidence.map(e => `  ${e}`), r.remediation].join('\n'),
      );
      let body = '';
      if (isWaived(r)) {
        body = `<skipped message="${xml(
          `waived by ${r.waiver!.owner} until ${r.waiver!.expires}: ${
            r.waiver!.reason
          }`,
        )}"/>`;
      } else if (r.status === 'fail') {
        body = `<failure type="${r.severity}" message="${xml(
          r.message,
        )}">${detail}</failure>`;
      } else if (r.status === 'unknown') {
        body = `<error type="unknown" message="${xml(
          r.message,
        )}">${detail}</error>`;
      } else if (r.status === 'not-applicable') {
        body = `<skipped message="${xml(r.message)}"/>`;
      } else if (r.status === 'warn') {
        body = `<system-out>${detail}</system-out>`;
      }
      lines.push(body ? `${open}${body}</testcase>` : open.replace(/>$/, '/>'));
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** Quotes a CSV field when needed (RFC 4180). @public */
export function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
