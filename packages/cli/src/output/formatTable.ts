import {
  CheckResult,
  ClusterReport,
  gradeLabel,
  isWaived,
  STATUSES,
} from '@cluster-readiness/backstage-plugin-common';

const COLOURS: Record<string, string> = {
  fail: '\u001b[31m',
  warn: '\u001b[33m',
  unknown: '\u001b[35m',
  pass: '\u001b[32m',
  'not-applicable': '\u001b[90m',
  waived: '\u001b[36m',
  bold: '\u001b[1m',
};
const RESET = '\u001b[0m';

const LABEL: Record<string, string> = {
  fail: 'FAIL',
  warn: 'WARN',
  unknown: 'UNKNOWN',
  pass: 'PASS',
  'not-applicable': 'N/A',
  waived: 'WAIVED',
};

function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

function rank(r: CheckResult): number {
  return isWaived(r) ? STATUSES.length : STATUSES.indexOf(r.status);
}

/**
 * A readable summary per category, worst results first, with colours only when
 * `colour` is set (a TTY without NO_COLOR).
 */
/** `grade C · capped by coverage 59 %`, or `no grade · coverage 31 %` (not "grade no grade"). */
function gradeText(input: Parameters<typeof gradeLabel>[0]): string {
  const label = gradeLabel(input);
  return label.startsWith('no grade') ? label : `grade ${label}`;
}

export function formatTable(report: ClusterReport, colour: boolean): string {
  const paint = (kind: string, text: string) =>
    colour ? `${COLOURS[kind]}${text}${RESET}` : text;
  const out: string[] = [];
  const c = report.counts;
  out.push(
    paint(
      'bold',
      `Cluster ${report.cluster.name} (${
        report.distribution?.name ?? 'unknown'
      }): score ${report.score ?? '—'}, ${gradeText(
        report,
      )}, coverage ${percent(report.coverage)}`,
    ),
  );
  out.push(
    `  ${c.pass} pass, ${c.warn} warn, ${c.fail} fail, ${c.unknown} unknown, ${c['not-applicable']} not applicable, ${c.waived} waived` +
      `  (distribution: ${report.distribution?.name ?? 'unknown'}${
        report.distribution?.evidence.length
          ? ` from ${report.distribution.evidence[0]}`
          : ''
      }; control plane: ${report.cluster.controlPlane}${
        report.cluster.version ? `, ${report.cluster.version}` : ''
      }; as of ${report.collectedAt})`,
  );
  for (const category of report.categories) {
    const results = report.checks
      .filter(r => r.category === category.id)
      .sort((a, b) => rank(a) - rank(b));
    if (!results.length) continue;
    out.push('');
    out.push(
      paint(
        'bold',
        `${category.title} — score ${category.score ?? '—'}, ${gradeText(
          category,
        )}, coverage ${percent(category.coverage)}`,
      ),
    );
    for (const r of results) {
      const kind = isWaived(r) ? 'waived' : r.status;
      const label = paint(kind, LABEL[kind].padEnd(7));
      out.push(`  ${label}  ${r.severity.padEnd(8)}  ${r.id}`);
      out.push(`           ${r.message}`);
      if (r.waiver) {
        out.push(
          `           waiver${r.waiver.expired ? ' (EXPIRED)' : ''}: ${
            r.waiver.reason
          } — ${r.waiver.owner}, until ${r.waiver.expires}`,
        );
      }
      if (r.status === 'fail' || r.status === 'warn') {
        for (const e of r.evidence.slice(0, 3)) out.push(`           · ${e}`);
        if (r.evidence.length > 3)
          out.push(`           · … ${r.evidence.length - 3} more`);
        out.push(`           → ${r.remediation}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}
