import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { ClusterSnapshot } from '@cluster-readiness/backstage-plugin-common';

const CHUNK = 1 << 16;

/**
 * Writes a snapshot as JSON item by item (one item a line), never as one string: a
 * snapshot of 150,000 pods can be longer than the longest string JavaScript holds.
 * Honours back-pressure. Given a path, creates the file and resolves once it is
 * closed; given a stream, leaves it open.
 * @public
 */
export async function writeSnapshot(
  snapshot: ClusterSnapshot,
  output: string | Writable,
): Promise<void> {
  const stream: Writable =
    typeof output === 'string' ? createWriteStream(output) : output;
  let failure: Error | undefined;
  const onError = (e: Error) => {
    failure ??= e;
  };
  stream.on('error', onError);
  let buffer = '';
  const flush = async () => {
    if (failure) throw failure;
    if (!buffer) return;
    const ok = stream.write(buffer);
    buffer = '';
    if (!ok) {
      await once(stream, 'drain'); // rejects on 'error'
    }
    if (failure) throw failure;
  };
  const put = async (text: string) => {
    buffer += text;
    if (buffer.length >= CHUNK) await flush();
  };

  try {
    const { resources, ...header } = snapshot;
    await put('{\n');
    for (const [key, value] of Object.entries(header)) {
      if (value === undefined) continue;
      await put(`  ${JSON.stringify(key)}: ${JSON.stringify(value)},\n`);
    }
    await put('  "resources": {');
    let firstKey = true;
    for (const [key, list] of Object.entries(resources)) {
      await put(`${firstKey ? '' : ','}\n    ${JSON.stringify(key)}: `);
      firstKey = false;
      if (list.error) {
        await put(`{ "error": ${JSON.stringify(list.error)} }`);
        continue;
      }
      const items = list.items ?? [];
      if (!items.length) {
        await put('{ "items": [] }');
        continue;
      }
      await put('{ "items": [');
      for (let i = 0; i < items.length; i++) {
        await put(`${i ? ',' : ''}\n      ${JSON.stringify(items[i])}`);
      }
      await put('\n    ] }');
    }
    await put(`${firstKey ? '' : '\n  '}}\n}\n`);
    await flush();
    if (typeof output === 'string') {
      stream.end();
      await once(stream, 'close'); // rejects on 'error'
      if (failure) throw failure;
    }
  } catch (e) {
    if (typeof output === 'string') stream.destroy();
    throw e;
  } finally {
    stream.off('error', onError);
  }
}
