import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  Grade,
  GradeCap,
} from '@cluster-readiness/backstage-plugin-common';
import {
  gradeCapExplanation,
  gradeCapNote,
  gradeLabel,
} from '@cluster-readiness/backstage-plugin-common';
import { GRADE_COLORS, NO_SCORE_COLOR } from '../../lib/presentation';

// A static class, not a Box: a dynamic style sheet per chip is slow on long pages.
const useStyles = makeStyles({
  capped: { display: 'inline-flex', alignItems: 'center', gap: 6 },
});

/**
 * A grade letter on its band colour; `—` when there is no grade. With a `gradeCap`
 * (checks.md v2) the chip is outlined and the cap is written next to it in the
 * shared words ("capped by coverage 59 %", "coverage 31 %" for a withheld grade),
 * with the full reason as a tooltip, so a capped grade is never shown bare.
 */
export function GradeChip(props: {
  grade: Grade | null | undefined;
  gradeCap?: GradeCap | null;
  coverage?: number | null;
  size?: 'small' | 'medium';
}) {
  const { grade, gradeCap, coverage, size = 'small' } = props;
  const classes = useStyles();
  const input = { grade, gradeCap, coverage };
  const note = gradeCapNote(input);
  const explanation = gradeCapExplanation(input);
  const label = grade ? `Grade ${grade}` : 'No grade';
  const ariaLabel = note ? `${label}, ${note}` : label;
  const chip = (
    <Chip
      size={size}
      label={grade ?? (note ? 'no grade' : '—')}
      aria-label={ariaLabel}
      variant={note ? 'outlined' : 'default'}
      style={{
        backgroundColor: grade ? GRADE_COLORS[grade] : NO_SCORE_COLOR,
        color: 'rgba(0, 0, 0, 0.87)',
        fontWeight: 700,
        ...(note ? { border: '2px dashed rgba(0, 0, 0, 0.6)' } : {}),
      }}
    />
  );
  if (!note) return chip;
  return (
    <Tooltip title={explanation ?? gradeLabel(input)}>
      <span className={classes.capped}>
        {chip}
        <Typography variant="caption" component="span">
          {note}
        </Typography>
      </span>
    </Tooltip>
  );
}

/**
 * The full grade label ("B · capped by coverage 80 %", "no grade · coverage 31 %")
 * as a caption under a score, for cells that show a score rather than a grade;
 * nothing when no cap applies.
 */
export function GradeCapCaption(props: {
  grade: Grade | null | undefined;
  gradeCap?: GradeCap | null;
  coverage?: number | null;
}) {
  if (!gradeCapNote(props)) return null;
  return (
    <Typography variant="caption" display="block" style={{ fontWeight: 500 }}>
      {gradeLabel(props)}
    </Typography>
  );
}
