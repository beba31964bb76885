import type { ReadinessCheck } from '../ReadinessCheck';
import { workerCount } from './workerCount';
import { conditions } from './conditions';
import { zoneSpread } from './zoneSpread';
import { kubeletVersionSkew } from './kubeletVersionSkew';
import { runtimeSupported } from './runtimeSupported';
import { problemDetector } from './problemDetector';
import { autoscaling } from './autoscaling';
import { capacityHeadroom } from './capacityHeadroom';
import { metricsApi } from './metricsApi';
import { largeClusterLimits } from './largeClusterLimits';
import { disruptionBudgets } from './disruptionBudgets';

/** nodes checks in checks.md order. @public */
export const NODE_CHECKS: readonly ReadinessCheck[] = [
  workerCount,
  conditions,
  zoneSpread,
  kubeletVersionSkew,
  runtimeSupported,
  problemDetector,
  autoscaling,
  capacityHeadroom,
  metricsApi,
  largeClusterLimits,
  disruptionBudgets,
];
