import type { ReadinessCheck } from './ReadinessCheck';
import { CONTROL_PLANE_CHECKS } from './control-plane';
import { NODE_CHECKS } from './nodes';
import { ACCESS_CHECKS } from './access';
import { RESOURCE_LIMIT_CHECKS } from './resource-limits';

/**
 * Every built-in check, in report order (the order of checks.md).
 * @public
 */
export const BUILTIN_CHECKS: readonly ReadinessCheck[] = [
  ...CONTROL_PLANE_CHECKS,
  ...NODE_CHECKS,
  ...ACCESS_CHECKS,
  ...RESOURCE_LIMIT_CHECKS,
];
