import type { ReadinessCheck } from '../ReadinessCheck';
import { namespaceQuotas } from './namespaceQuotas';
import { limitRanges } from './limitRanges';
import { quotaHeadroom } from './quotaHeadroom';
import { containerResources } from './containerResources';
import { dnsReplicas } from './dnsReplicas';
import { dnsAutoscaling } from './dnsAutoscaling';

/** resource-limits checks in checks.md order. @public */
export const RESOURCE_LIMIT_CHECKS: readonly ReadinessCheck[] = [
  namespaceQuotas,
  limitRanges,
  quotaHeadroom,
  containerResources,
  dnsReplicas,
  dnsAutoscaling,
];
