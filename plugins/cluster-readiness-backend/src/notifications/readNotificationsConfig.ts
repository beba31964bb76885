import type { Config } from '@backstage/config';
import { SEVERITIES } from '@cluster-readiness/backstage-plugin-common';
import { z } from 'zod';
import type { ReadinessNotificationsConfig } from './ReadinessNotifier';

const EVENTS = ['grade-lowered', 'check-failing', 'waiver-expiring'] as const;

const schema = z.object({
  enabled: z.boolean().default(false),
  events: z.array(z.enum(EVENTS)).default([...EVENTS]),
  minSeverity: z.enum(SEVERITIES).default('critical'),
  waiverExpiryDays: z.number().int().min(0).default(14),
});

/**
 * Reads `clusterReadiness.notifications`; throws one line naming the key on a wrong
 * value.
 * @public
 */
export function readNotificationsConfig(
  root: Config,
): ReadinessNotificationsConfig {
  const raw = root.getOptional('clusterReadiness.notifications') ?? {};
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid config clusterReadiness.notifications${
        issue.path.length ? `.${issue.path.join('.')}` : ''
      }: ${issue.message}`,
    );
  }
  return parsed.data;
}
