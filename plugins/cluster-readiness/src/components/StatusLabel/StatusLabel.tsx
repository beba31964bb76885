import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { CheckStatus } from '@cluster-readiness/backstage-plugin-common';
import type { ComponentType, PropsWithChildren } from 'react';
import { statusLabel } from '../../lib/presentation';

const INDICATORS: Record<CheckStatus, ComponentType<PropsWithChildren<{}>>> = {
  fail: StatusError,
  warn: StatusWarning,
  unknown: StatusPending,
  pass: StatusOK,
  'not-applicable': StatusAborted,
};

/** A check status with its traffic-light indicator. */
export function StatusLabel(props: { status: CheckStatus | null | undefined }) {
  const { status } = props;
  if (!status) return <StatusAborted>none</StatusAborted>;
  const Indicator = INDICATORS[status] ?? StatusPending;
  return <Indicator>{statusLabel(status)}</Indicator>;
}
