import { z } from 'zod';
import type { AppliedWaiver, Waiver } from '../types';
import { validateWith } from '../snapshot/ClusterSnapshot';

const dateOrDateTime = z.union(
  [z.iso.date(), z.iso.datetime({ offset: true })],
  {
    error: 'expected a date (2027-01-31) or date-time',
  },
);

/** One waiver (check, optional cluster, reason, owner, expiry). @public */
export const waiverSchema = z.object({
  check: z.string().min(1),
  cluster: z.string().min(1).optional(),
  reason: z.string().min(1),
  owner: z.string().min(1),
  expires: dateOrDateTime,
});

/** A waiver file: a list, or `{ waivers: [...] }`. @public */
export const waiverListSchema = z.union([
  z.array(waiverSchema),
  z.object({ waivers: z.array(waiverSchema) }).transform(v => v.waivers),
]);

/**
 * Validates parsed waivers (from YAML, JSON, config or an entity annotation),
 * throwing one line naming the source and the field.
 * @public
 */
export function parseWaivers(value: unknown, source = 'waivers'): Waiver[] {
  return validateWith(waiverListSchema as z.ZodType<Waiver[]>, value, source);
}

/** The moment a waiver lapses: the end of its `expires` day for a plain date. @public */
export function waiverExpiry(waiver: Waiver): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(waiver.expires)) {
    return Date.parse(`${waiver.expires}T23:59:59.999Z`);
  }
  return Date.parse(waiver.expires);
}

/**
 * The waiver that applies to a check on a cluster: cluster-specific before global,
 * an unexpired one before an expired one.
 * @public
 */
export function findWaiver(
  waivers: readonly Waiver[],
  checkId: string,
  clusterName: string,
  referenceTime: number,
): AppliedWaiver | undefined {
  const candidates = waivers
    .filter(
      w => w.check === checkId && (!w.cluster || w.cluster === clusterName),
    )
    .map(w => ({ ...w, expired: waiverExpiry(w) < referenceTime }))
    .sort(
      (a, b) =>
        Number(a.expired) - Number(b.expired) ||
        Number(!a.cluster) - Number(!b.cluster),
    );
  return candidates[0];
}
