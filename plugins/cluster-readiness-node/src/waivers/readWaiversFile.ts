import { fileProblem } from '../util/fileProblem';
import { readFile } from 'node:fs/promises';
import {
  parseWaivers,
  SnapshotValidationError,
  Waiver,
} from '@cluster-readiness/backstage-plugin-common';
import { parse as parseYaml } from 'yaml';

/**
 * Reads a waiver file (YAML or JSON: a list, or `{ waivers: [...] }`), throwing one
 * line naming the file and the field on any problem.
 * @public
 */
export async function readWaiversFile(path: string): Promise<Waiver[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new SnapshotValidationError(path, '', fileProblem(e));
  }
  return parseWaiversText(text, path);
}

/**
 * Parses waivers from YAML or JSON text (a file, or a catalog annotation).
 * @public
 */
export function parseWaiversText(text: string, source: string): Waiver[] {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (e) {
    const first = String((e as Error).message).split('\n')[0];
    throw new SnapshotValidationError(
      source,
      '',
      `not valid YAML or JSON: ${first}`,
    );
  }
  return parseWaivers(value ?? [], source);
}
