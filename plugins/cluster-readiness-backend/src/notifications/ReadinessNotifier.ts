import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import {
  CheckResult,
  Grade,
  Severity,
  SEVERITIES,
} from '@cluster-readiness/backstage-plugin-common';
import type { ReadinessStore } from '../database/ReadinessStore';
import type {
  RefreshEvent,
  RefreshListener,
} from '../service/ReadinessService';
import type { NotificationKeyStore } from './NotificationKeyStore';

/** Kinds of readiness notifications. @public */
export type ReadinessNotificationEvent =
  | 'grade-lowered'
  | 'check-failing'
  | 'waiver-expiring';

/** `clusterReadiness.notifications` with defaults applied. @public */
export interface ReadinessNotificationsConfig {
  enabled: boolean;
  events: ReadinessNotificationEvent[];
  /** Failing checks and expiring waivers of at least this severity. */
  minSeverity: Severity;
  /** Waivers that lapse within this many days are announced. */
  waiverExpiryDays: number;
}

const GRADE_RANK: Record<Grade, number> = { A: 5, B: 4, C: 3, D: 2, F: 1 };

/**
 * Tells a cluster's owning group (through the notifications backend) when a refresh
 * lowers its grade, makes a check of at least `minSeverity` fail that did not fail
 * before, or finds a waiver on a failing check lapsing within `waiverExpiryDays`.
 * Each change is announced once across replicas: a notification is sent only by the
 * replica that claims its key in the database.
 * @public
 */
export class ReadinessNotifier implements RefreshListener {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      store: ReadinessStore;
      keys: NotificationKeyStore;
      config: ReadinessNotificationsConfig;
      /** The owning group and catalog entity of a cluster. */
      ownerOf: (
        clusterName: string,
      ) => Promise<{ owner?: string; entityRef?: string }>;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  private severe(severity: Severity) {
    return (
      SEVERITIES.indexOf(severity) <=
      SEVERITIES.indexOf(this.options.config.minSeverity)
    );
  }

  async onRefreshed(event: RefreshEvent): Promise<void> {
    const { config, store } = this.options;
    const { previous, current } = event;
    if (!config.enabled || event.outcome !== 'ok' || !current?.evaluatedAt)
      return;
    const name = event.clusterName;
    const fresh = previous?.evaluatedAt !== current.evaluatedAt;
    const report = await store.getReport(name);
    const byId = new Map((report?.checks ?? []).map(c => [c.id, c]));
    const active = (c: CheckResult) => !!c.waiver && !c.waiver.expired;
    const line = (c: CheckResult) => `${c.severity} ${c.id}: ${c.message}`;

    if (
      config.events.includes('grade-lowered') &&
      fresh &&
      previous?.grade &&
      current.grade &&
      GRADE_RANK[current.grade as Grade] < GRADE_RANK[previous.grade as Grade]
    ) {
      const changed = (await store.getDrift(name, { limit: 500 }))
        .filter(d => d.evaluatedAt === current.evaluatedAt)
        .filter(d => d.to === 'fail' || d.to === 'warn')
        .map(d => byId.get(d.checkId))
        .filter((c): c is CheckResult => !!c);
      await this.send({
        key: `grade-lowered:${name}:${previous.grade}->${current.grade}:${current.evaluatedAt}`,
        clusterName: name,
        title: `Cluster ${name}: readiness grade dropped from ${previous.grade} to ${current.grade}`,
        lines: [
          `Score ${previous.score ?? '—'} → ${current.score ?? '—'}.`,
          ...(changed.length
            ? ['Checks that got worse:', ...changed.map(line)]
            : []),
        ],
        severity: 'high',
      });
    }

    if (
      config.events.includes('check-failing') &&
      fresh &&
      previous?.evaluatedAt
    ) {
      const failing = (await store.getDrift(name, { limit: 500 }))
        .filter(d => d.evaluatedAt === current.evaluatedAt && d.to === 'fail')
        .map(d => byId.get(d.checkId))
        .filter(
          (c): c is CheckResult => !!c && !active(c) && this.severe(c.severity),
        );
      if (failing.length) {
        await this.send({
          key: `check-failing:${name}:${current.evaluatedAt}:${failing
            .map(c => c.id)
            .sort()
            .join(',')}`,
          clusterName: name,
          title:
            failing.length === 1
              ? `Cluster ${name}: ${failing[0].severity} check ${failing[0].id} now fails`
              : `Cluster ${name}: ${failing.length} checks now fail`,
          lines: failing.map(line),
          severity: failing.some(c => c.severity === 'critical')
            ? 'critical'
            : 'high',
        });
      }
    }

    if (config.events.includes('waiver-expiring')) {
      const horizon =
        this.now().getTime() + config.waiverExpiryDays * 86_400_000;
      for (const c of report?.checks ?? []) {
        if (!c.waiver || !active(c) || !this.severe(c.severity)) continue;
        if (c.status !== 'fail' && c.status !== 'warn') continue;
        const expires = Date.parse(c.waiver.expires);
        if (Number.isNaN(expires) || expires > horizon) continue;
        await this.send({
          key: `waiver-expiring:${name}:${c.id}:${c.waiver.expires}`,
          clusterName: name,
          title: `Cluster ${name}: the waiver on ${c.id} expires ${c.waiver.expires}`,
          lines: [
            line(c),
            `Waived by ${c.waiver.owner}: ${c.waiver.reason}`,
            'Fix the finding or renew the waiver.',
          ],
          severity: 'normal',
        });
      }
    }
  }

  private async send(n: {
    key: string;
    clusterName: string;
    title: string;
    lines: string[];
    severity: NotificationSeverity;
  }) {
    const { notifications, keys, logger } = this.options;
    const { owner, entityRef } = await this.options.ownerOf(n.clusterName);
    if (!owner) {
      logger.debug(
        `No owner for cluster ${n.clusterName}; not notifying: ${n.title}`,
      );
      return;
    }
    if (!(await keys.claim(n.key, n.clusterName, this.now().toISOString())))
      return;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: {
          title: n.title,
          description: n.lines.join('\n'),
          link: readinessLink(entityRef),
          severity: n.severity,
          topic: 'cluster-readiness',
          scope: n.key,
        },
      });
    } catch (e) {
      logger.warn(
        `Could not send the notification '${n.title}': ${(e as Error).message}`,
      );
    }
  }
}

/** The cluster's Readiness tab, or the fleet page when it has no catalog entity. */
export function readinessLink(entityRef?: string): string {
  if (!entityRef) return '/cluster-readiness';
  const ref = parseEntityRef(entityRef);
  return `/catalog/${ref.namespace}/${ref.kind.toLocaleLowerCase('en-US')}/${
    ref.name
  }/readiness`;
}
