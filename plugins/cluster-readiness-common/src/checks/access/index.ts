import type { ReadinessCheck } from '../ReadinessCheck';
import { authorizationMode } from './authorizationMode';
import { anonymousAuth } from './anonymousAuth';
import { anonymousBindings } from './anonymousBindings';
import { clusterAdminBindings } from './clusterAdminBindings';
import { privilegedRbac } from './privilegedRbac';
import { authenticationMethod } from './authenticationMethod';
import { podSecurity } from './podSecurity';
import { admissionWebhooks } from './admissionWebhooks';
import { certificateSigningRequests } from './certificateSigningRequests';
import { defaultServiceAccount } from './defaultServiceAccount';
import { networkPolicies } from './networkPolicies';
import { tlsVerification } from './tlsVerification';

/** access checks in checks.md order. @public */
export const ACCESS_CHECKS: readonly ReadinessCheck[] = [
  authorizationMode,
  anonymousAuth,
  anonymousBindings,
  clusterAdminBindings,
  privilegedRbac,
  authenticationMethod,
  podSecurity,
  admissionWebhooks,
  certificateSigningRequests,
  defaultServiceAccount,
  networkPolicies,
  tlsVerification,
];
