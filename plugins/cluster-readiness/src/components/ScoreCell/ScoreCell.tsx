import Box from '@material-ui/core/Box';
import { formatScore, scoreColor } from '../../lib/presentation';

/** A score on the background of its grade band: one cell of the heat map. */
export function ScoreCell(props: {
  score: number | null | undefined;
  label?: string;
}) {
  const { score, label } = props;
  return (
    <Box
      component="span"
      display="inline-block"
      minWidth={48}
      px={1}
      py={0.5}
      borderRadius={4}
      textAlign="center"
      fontWeight={600}
      style={{
        backgroundColor: scoreColor(score),
        color: 'rgba(0, 0, 0, 0.87)',
      }}
      aria-label={label ? `${label}: ${formatScore(score)}` : undefined}
      title={label}
    >
      {formatScore(score)}
    </Box>
  );
}
