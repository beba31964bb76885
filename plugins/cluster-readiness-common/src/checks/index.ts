import type { ReadinessCheck } from './ReadinessCheck';
import { apiserverReplicas } from './control-plane/apiserverReplicas';

/**
 * Every built-in check, in report order (the order of checks.md).
 * @public
 */
export const BUILTIN_CHECKS: readonly ReadinessCheck[] = [apiserverReplicas];
