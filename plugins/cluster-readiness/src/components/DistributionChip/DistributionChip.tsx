import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import type {
  DetectedDistribution,
  DistributionName,
} from '@cluster-readiness/backstage-plugin-common';

/**
 * The distribution a report was evaluated as (checks.md v2), e.g. "k3s", with the
 * evidence that decided it as a tooltip when the full report is at hand. Nothing
 * for reports made before checks v2, which name none.
 */
export function DistributionChip(props: {
  distribution: DistributionName | DetectedDistribution | null | undefined;
}) {
  const { distribution } = props;
  if (!distribution) return null;
  const name =
    typeof distribution === 'string' ? distribution : distribution.name;
  if (!name) return null;
  const evidence =
    typeof distribution === 'string' ? [] : distribution.evidence ?? [];
  const chip = (
    <Chip
      size="small"
      variant="outlined"
      label={name}
      aria-label={`Distribution ${name}`}
    />
  );
  return evidence.length ? (
    <Tooltip title={`Detected from: ${evidence.join('; ')}`}>{chip}</Tooltip>
  ) : (
    chip
  );
}
