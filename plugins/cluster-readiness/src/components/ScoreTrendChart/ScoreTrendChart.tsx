import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { HistoryEntry } from '@cluster-readiness/backstage-plugin-common';
import {
  formatTime,
  GRADE_COLORS,
  GRADES,
  scoreBand,
} from '../../lib/presentation';

const WIDTH = 600;
const HEIGHT = 180;
const LEFT = 36;
const RIGHT = 12;
const TOP = 8;
const BOTTOM = 24;

/** Lowest score of each grade band, found with -common's grading (A 90, B 80, …, F 0). */
const BAND_FLOORS = GRADES.flatMap(grade => {
  const min = Array.from({ length: 101 }, (_, s) => s).find(
    s => scoreBand(s) === grade,
  );
  return min === undefined ? [] : [{ grade, min }];
}).sort((a, b) => b.min - a.min);

const y = (score: number) =>
  TOP + ((100 - score) / 100) * (HEIGHT - TOP - BOTTOM);

/**
 * Score over time as a small inline SVG line chart, on a background of the grade
 * bands. Evaluations without a score are left out of the line.
 */
export function ScoreTrendChart(props: { history: HistoryEntry[] }) {
  const theme = useTheme();
  const points = props.history
    .filter(
      h =>
        typeof h.score === 'number' && !Number.isNaN(Date.parse(h.evaluatedAt)),
    )
    .map(h => ({
      t: Date.parse(h.evaluatedAt),
      score: h.score!,
      at: h.evaluatedAt,
    }))
    .sort((a, b) => a.t - b.t);

  if (points.length < 2) {
    return (
      <Typography variant="body2" color="textSecondary">
        {points.length === 1
          ? `One evaluation so far (score ${points[0].score}); the trend appears after the next one.`
          : 'No scored evaluations yet.'}
      </Typography>
    );
  }

  const first = points[0];
  const last = points[points.length - 1];
  const span = last.t - first.t;
  const x = (t: number, i: number) =>
    LEFT +
    (span > 0 ? (t - first.t) / span : i / (points.length - 1)) *
      (WIDTH - LEFT - RIGHT);
  const coords = points.map((p, i) => ({ ...p, x: x(p.t, i), y: y(p.score) }));
  const label = `Score over time: ${first.score} on ${formatTime(
    first.at,
  )} to ${last.score} on ${formatTime(last.at)}, ${points.length} evaluations`;

  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      style={{ maxHeight: 220 }}
    >
      {BAND_FLOORS.map((band, i) => {
        const top = i === 0 ? 100 : BAND_FLOORS[i - 1].min;
        return (
          <g key={band.grade}>
            <rect
              x={LEFT}
              width={WIDTH - LEFT - RIGHT}
              y={y(top)}
              height={y(band.min) - y(top)}
              fill={GRADE_COLORS[band.grade]}
              opacity={0.35}
            />
            <text
              x={LEFT - 6}
              y={y((top + band.min) / 2) + 4}
              textAnchor="end"
              fontSize={11}
              fill={theme.palette.text.secondary}
            >
              {band.grade}
            </text>
          </g>
        );
      })}
      <polyline
        fill="none"
        stroke={theme.palette.primary.main}
        strokeWidth={2}
        points={coords.map(c => `${c.x},${c.y}`).join(' ')}
      />
      {coords.map(c => (
        <circle
          key={c.at}
          cx={c.x}
          cy={c.y}
          r={3.5}
          fill={theme.palette.primary.main}
        >
          <title>{`${formatTime(c.at)}: ${c.score}`}</title>
        </circle>
      ))}
      <text
        x={LEFT}
        y={HEIGHT - 6}
        fontSize={11}
        fill={theme.palette.text.secondary}
      >
        {formatTime(first.at)}
      </text>
      <text
        x={WIDTH - RIGHT}
        y={HEIGHT - 6}
        fontSize={11}
        textAnchor="end"
        fill={theme.palette.text.secondary}
      >
        {formatTime(last.at)}
      </text>
    </svg>
  );
}
