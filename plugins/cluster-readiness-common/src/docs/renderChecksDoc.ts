import { BUILTIN_CHECKS } from '../checks';
import type { ReadinessCheck } from '../checks/ReadinessCheck';
import { DISTRIBUTION_FLAG_DEFAULTS } from '../engine/distributionDefaults';
import { DEFAULT_SYSTEM_NAMESPACES } from '../engine/SnapshotIndex';
import {
  CATEGORIES,
  CATEGORY_TITLES,
  DISTRIBUTIONS,
  SEVERITY_WEIGHTS,
} from '../types';

/** A Markdown table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

const STATUSES_SECTION = `## Statuses

| status | meaning |
| --- | --- |
| \`pass\` | the evidence shows the practice is in place |
| \`warn\` | partly in place, or in place with a risk worth fixing |
| \`fail\` | the evidence shows the practice is missing or broken |
| \`unknown\` | not observable: the data was not collected, or the read was denied (the result names the resource and the missing RBAC grant) |
| \`not-applicable\` | does not apply to this cluster (e.g. a provider-managed control plane hides it, or there is nothing to check) |

A waiver (reason, owner, expiry) overlays a result: the report keeps the underlying
status and marks it waived; an expired waiver no longer applies.

Every result carries its \`id\`, \`category\`, \`severity\`, \`status\`, a one-line
\`message\`, \`evidence\` (the objects and fields looked at) and a \`remediation\` link.`;

function scoringSection(): string {
  const weights = Object.entries(SEVERITY_WEIGHTS)
    .map(([s, w]) => `${s} ${w}`)
    .join(', ');
  return `## Scoring

- Severity weights: ${weights}.
- Credit: pass 1, warn 0.5, fail 0. \`unknown\`, \`not-applicable\` and waived results
  are left out of the score.
- Score (overall and per category) = round(100 × Σ weight·credit ÷ Σ weight) over the
  results that count; no counting result → no score (null), not 100.
- Coverage = weight of pass/warn/fail results ÷ weight of all results that are not
  \`not-applicable\` and not waived (so \`unknown\` lowers coverage).
- Grade from score: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F. A \`fail\` on any
  critical check caps the grade at D (\`gradeCap.by: critical-fail\`).
- **Coverage caps the grade**: coverage ≥ 0.9 no cap; ≥ 0.75 at most B; ≥ 0.5 at most
  C; below 0.5 no grade (\`grade: null\`, the score is still reported). The report says
  why in \`gradeCap: { by: "coverage" | "critical-fail", coverage, uncapped }\`, and
  every view shows it next to the grade ("C · capped by coverage 59 %",
  "no grade · coverage 31 %"). The same applies per category.`;
}

function definitionsSection(): string {
  const defaults = (['k3s', 'rke2'] as const)
    .flatMap(d =>
      DISTRIBUTION_FLAG_DEFAULTS[d].map(
        row =>
          `| ${d} | \`--${row.flag}\` | ${
            row.value === null ? 'not set' : `\`${row.value}\``
          } | ${row.docs} |`,
      ),
    )
    .join('\n');
  return `## Definitions used by the rules

- **Reference time**: the snapshot's \`collectedAt\`. No rule reads the wall clock.
- **System namespaces**: ${DEFAULT_SYSTEM_NAMESPACES.map(n => `\`${n}\``).join(
    ', ',
  )}, \`openshift\` and every namespace starting with \`openshift-\`, plus configured
  ones; a configured name ending in \`*\` is a prefix (\`--system-namespace 'cattle-*'\`).
- **Workload namespace**: a non-system namespace that holds at least one Pod.
- **Workload pod**: a Pod in a non-system namespace that is neither a mirror pod (an
  \`ownerReferences\` entry of kind \`Node\`) nor owned by a DaemonSet.
- **Distribution**: the first that matches, in this order: ${DISTRIBUTIONS.filter(
    d => d !== 'unknown',
  )
    .map(d => `\`${d}\``)
    .join(', ')}, else \`unknown\`; every report names it with its evidence
  (\`distribution: { name, evidence }\`). \`eks\`, \`gke\`, \`aks\` only when the control
  plane is managed.
- **Control-plane node**: label \`node-role.kubernetes.io/control-plane\` or
  \`node-role.kubernetes.io/master\`. **Ready**: condition \`Ready=True\`.
  **Schedulable**: \`spec.unschedulable\` not true.
- **Zone**: label \`topology.kubernetes.io/zone\`, else
  \`failure-domain.beta.kubernetes.io/zone\`; a value of digits only is no zone.
- **kube-apiserver flags**, from the first source that exists: kube-apiserver mirror
  pods (\`kube-system\`, \`component=kube-apiserver\`); on k3s/RKE2 the server nodes'
  \`k3s.io/node-args\` / \`rke2.io/node-args\` (\`--kube-apiserver-arg NAME=VALUE\`;
  k3s \`--secrets-encryption\` counts as \`--encryption-provider-config\`); on OpenShift
  \`apiservers.config.openshift.io/cluster\` (encryption, audit profile) and
  \`authentications.config.openshift.io/cluster\` (identity provider). Where node-args
  leave a flag unset, the distribution's documented default applies; a flag without a
  row below is \`unknown\`, never assumed.

| distribution | flag | default | documentation |
| --- | --- | --- | --- |
${defaults}

- **etcd members**, from the first source that exists: etcd mirror pods; pods in
  \`openshift-etcd\` labelled \`app=etcd\`; nodes labelled
  \`node-role.kubernetes.io/etcd\`; the non-loopback URLs of \`--etcd-servers\`. A k3s
  server without \`--cluster-init\` or \`--server\` and no etcd-role node uses embedded
  SQLite (0 members); \`--datastore-endpoint\` is an external datastore (named without
  its credentials).
- **Managed control plane**: declared (\`cluster.controlPlane: managed\`), or no
  control-plane node or kube-apiserver pod is visible and the version, a node's
  \`providerID\` or labels name EKS, GKE or AKS. Checks marked (cp) are
  \`not-applicable\` there, and \`unknown\` when the control plane is neither visible nor
  managed.
- **API server instances**: the larger of kube-apiserver pods (mirror pods, and
  OpenShift's \`openshift-kube-apiserver\` pods labelled \`app=openshift-kube-apiserver\`)
  and kube-apiserver identity Leases; if both are 0, the control-plane nodes.`;
}

function checkSection(check: ReadinessCheck): string {
  return `### \`${check.id}\`${check.controlPlane ? ' (cp)' : ''}

**${check.title}** · severity ${check.severity} (weight ${
    SEVERITY_WEIGHTS[check.severity]
  })

Rule: ${check.rule}

${check.description}

Reads: ${
    check.reads.length ? check.reads.map(r => `\`${r}\``).join(', ') : '—'
  }${
    check.looksAt?.length
      ? `; also looks at ${check.looksAt.map(r => `\`${r}\``).join(', ')}`
      : ''
  }. Remediation: ${check.remediation}`;
}

/**
 * `docs/checks.md`: the check catalog rendered from the checks' own metadata, with
 * statuses, scoring (grade cap included) and the definitions the rules use.
 * @public
 */
export function renderChecksDoc(
  checks: readonly ReadinessCheck[] = BUILTIN_CHECKS,
): string {
  const index = CATEGORIES.map(category => {
    const rows = checks
      .filter(c => c.category === category)
      .map(
        c =>
          `| [\`${c.id}\`](#${c.id.replace(/\./g, '')}${
            c.controlPlane ? '-cp' : ''
          })${c.controlPlane ? ' (cp)' : ''} | ${c.severity} | ${cell(
            c.rule,
          )} |`,
      )
      .join('\n');
    return `## ${CATEGORY_TITLES[category]} (\`${category}\`)

| id | severity | rule |
| --- | --- | --- |
${rows}

${checks
  .filter(c => c.category === category)
  .map(checkSection)
  .join('\n\n')}`;
  }).join('\n\n');
  return `<!-- Generated from the check metadata in plugins/cluster-readiness-common by
     \`yarn docs:checks\`; do not edit by hand (a test fails when this file is stale). -->

# Readiness checks

${checks.length} checks in ${
    CATEGORIES.length
  } categories. Check ids are stable: reports, waivers, exports and the CLI use them.

${STATUSES_SECTION}

${scoringSection()}

${definitionsSection()}

${index}
`;
}
