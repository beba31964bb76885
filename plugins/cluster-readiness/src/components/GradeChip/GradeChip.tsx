import Chip from '@material-ui/core/Chip';
import type { Grade } from '@cluster-readiness/backstage-plugin-common';
import { GRADE_COLORS, NO_SCORE_COLOR } from '../../lib/presentation';

/** A grade letter on its band colour; `—` when there is no grade. */
export function GradeChip(props: {
  grade: Grade | null | undefined;
  size?: 'small' | 'medium';
}) {
  const { grade, size = 'small' } = props;
  return (
    <Chip
      size={size}
      label={grade ?? '—'}
      aria-label={grade ? `Grade ${grade}` : 'No grade'}
      style={{
        backgroundColor: grade ? GRADE_COLORS[grade] : NO_SCORE_COLOR,
        color: 'rgba(0, 0, 0, 0.87)',
        fontWeight: 700,
      }}
    />
  );
}
