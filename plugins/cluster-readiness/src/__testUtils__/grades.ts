import { within } from '@testing-library/react';
import { GRADE_STATES, GradeState } from './fixtures';

/** What an element shows of a grade: the chip's name, cap notes, the distribution. */
export function gradeShown(container: HTMLElement) {
  const chip = container.querySelector(
    '[aria-label^="Grade "], [aria-label^="No grade"]',
  );
  return {
    chip: chip?.getAttribute('aria-label') ?? null,
    notes: within(container)
      .queryAllByText(/capped by|coverage \d+ %/)
      .map(e => e.textContent),
    distribution:
      within(container).queryByLabelText(/^Distribution /)?.textContent ?? null,
  };
}

/**
 * What {@link gradeShown} must find for a cluster in a grade state; with
 * `categories`, the capped category's full label follows the overall note.
 */
export function gradeExpected(
  state: GradeState,
  options: { categories?: boolean } = {},
) {
  const spec = GRADE_STATES[state];
  const note = spec.label.split(' · ')[1];
  return {
    chip: spec.chip,
    notes: [note, options.categories ? spec.category?.label : undefined].filter(
      Boolean,
    ),
    distribution: spec.distribution?.name ?? null,
  };
}
