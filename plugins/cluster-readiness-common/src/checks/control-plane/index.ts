import type { ReadinessCheck } from '../ReadinessCheck';
import { apiserverLoadBalanced } from './apiserverLoadBalanced';
import { apiserverReplicas } from './apiserverReplicas';
import { auditLogging } from './auditLogging';
import { certificateExpiry } from './certificateExpiry';
import { dedicatedNodes } from './dedicatedNodes';
import { etcdBackup } from './etcdBackup';
import { etcdQuorum } from './etcdQuorum';
import { etcdTopology } from './etcdTopology';
import { leaderElection } from './leaderElection';
import { secretsEncryption } from './secretsEncryption';
import { versionSupported } from './versionSupported';
import { zoneSpread } from './zoneSpread';

/** control-plane checks in checks.md order. @public */
export const CONTROL_PLANE_CHECKS: readonly ReadinessCheck[] = [
  dedicatedNodes,
  apiserverReplicas,
  apiserverLoadBalanced,
  leaderElection,
  zoneSpread,
  etcdQuorum,
  etcdTopology,
  etcdBackup,
  secretsEncryption,
  auditLogging,
  certificateExpiry,
  versionSupported,
];
