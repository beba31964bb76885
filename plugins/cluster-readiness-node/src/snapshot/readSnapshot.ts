import { fileProblem } from '../util/fileProblem';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import {
  ClusterSnapshot,
  SnapshotValidationError,
} from '@cluster-readiness/backstage-plugin-common';
import { Parser, ReadEntry } from 'tar';
import { DocumentReader } from './DocumentReader';
import { isKubeObject, SnapshotAssembler } from './SnapshotAssembler';

export { KUBECTL_LIST_KEYS } from './SnapshotAssembler';

/** @public */
export interface ReadSnapshotOptions {
  /** Name used in error messages (the file name). */
  source?: string;
  /**
   * Keep only the fields the checks read (see `trimObject`); default true. Turn off to
   * keep whole objects, e.g. to re-serve a snapshot.
   */
  trim?: boolean;
  /** Input other than a ClusterSnapshot: the cluster name (default: from the source name). */
  clusterName?: string;
  /** Input other than a ClusterSnapshot: the reference time (default: newest timestamp in the items). */
  collectedAt?: string;
  /**
   * Receives one line naming the files or bundle members that were skipped because
   * they hold no cluster data (logs, host files, discovery documents).
   */
  onNotice?: (message: string) => void;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const BUNDLE_NAME = /\.(tar\.gz|tgz)$/i;
const DATA_FILE = /\.(json|ya?ml)$/i;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** The cluster name a file suggests: its base name without extensions. */
function nameOf(source: string): string {
  return source
    .replace(/[\\/]+$/, '')
    .replace(/^.*[\\/]/, '')
    .replace(/\.(tar\.gz|tgz|json|ya?ml)$/i, '');
}

/**
 * Takes one file's bytes and hands them to a DocumentReader as streamed JSON, or as
 * YAML once whole, deciding by the first byte that is not white space (`{` or `[`:
 * JSON). A `.json` name always means JSON.
 */
class FileSink {
  private mode: 'unknown' | 'json' | 'yaml';
  private held: Buffer[] = [];
  private size = 0;
  private sawContent = false;

  constructor(
    private readonly reader: DocumentReader,
    private readonly source: string,
    json: boolean,
  ) {
    this.mode = json ? 'json' : 'unknown';
  }

  write(chunk: Buffer): void {
    if (!this.sawContent) {
      let i = 0;
      while (i < chunk.length && isSpace(chunk[i])) i++;
      if (i === chunk.length) {
        this.held.push(chunk);
        return;
      }
      this.sawContent = true;
      if (this.mode === 'json' || chunk[i] === 0x7b || chunk[i] === 0x5b) {
        this.mode = 'json';
        for (const c of this.held) this.reader.writeJson(c);
        this.held = [];
      } else {
        this.mode = 'yaml';
      }
    }
    if (this.mode === 'json') {
      this.reader.writeJson(chunk);
      return;
    }
    this.size += chunk.length;
    if (this.size > 256 * 1024 * 1024) {
      throw new SnapshotValidationError(
        this.source,
        '',
        'YAML input over 256 MB; write large inputs as JSON (-o json), which is streamed',
      );
    }
    this.held.push(chunk);
  }

  /** True when the input held nothing but white space. */
  get empty(): boolean {
    return !this.sawContent;
  }

  end(): void {
    if (this.mode === 'yaml') {
      this.reader.readYaml(Buffer.concat(this.held).toString('utf8'));
    } else {
      // JSON, or nothing but white space (the JSON reader names it empty).
      if (!this.sawContent) {
        for (const c of this.held) this.reader.writeJson(c);
      }
      this.reader.endJson();
    }
  }
}

/** What a file or bundle member is for. */
type Role = 'data' | 'version' | 'groups' | 'skip';

/**
 * Support-bundle layout (Troubleshoot): only the `cluster-resources/` tree is cluster
 * data (its pod logs are not), plus the server version in `cluster-info/`.
 */
function bundleRole(path: string): Role {
  const parts = path.split('/').filter(p => p && p !== '.');
  const at = parts.indexOf('cluster-resources');
  if (at >= 0) {
    const rest = parts.slice(at + 1);
    if (rest[0] === 'pods' && rest[1] === 'logs') return 'skip';
    if (rest.length === 1 && rest[0] === 'groups.json') return 'groups';
    return DATA_FILE.test(path) ? 'data' : 'skip';
  }
  const info = parts.indexOf('cluster-info');
  if (info >= 0 && parts[info + 1] === 'cluster_version.json') return 'version';
  return 'skip';
}

/** Any other directory: every JSON and YAML file is data. */
function plainRole(path: string): Role {
  return DATA_FILE.test(path) ? 'data' : 'skip';
}

/** Collects a small whole file, for the server version and discovery of a bundle. */
class WholeSink {
  private chunks: Buffer[] = [];
  constructor(private readonly done: (text: string) => void) {}
  write(chunk: Buffer): void {
    this.chunks.push(chunk);
  }
  end(): void {
    this.done(Buffer.concat(this.chunks).toString('utf8'));
  }
}

interface Sink {
  write(chunk: Buffer): void;
  end(): void;
}

/**
 * Reads one input — a file, a directory, a support bundle, or a stream — into a
 * snapshot.
 */
class InputReader {
  readonly assembler: SnapshotAssembler;
  /** Documents of a one-file input (1: a single kubectl List collects every key). */
  documents = 0;

  constructor(readonly source: string, options: ReadSnapshotOptions) {
    this.assembler = new SnapshotAssembler({
      trim: options.trim ?? true,
      collectedAt: options.collectedAt,
      clusterName: options.clusterName,
    });
  }

  /** A sink for one member of a directory or bundle, or undefined to skip it. */
  memberSink(member: string, role: Role): Sink | undefined {
    const source = `${this.source}: ${member}`;
    switch (role) {
      case 'skip':
        this.assembler.skip(member);
        return undefined;
      case 'version':
        return new WholeSink(text => this.readVersion(source, text));
      case 'groups':
        return new WholeSink(text => this.readGroups(source, text));
      default: {
        const reader = new DocumentReader(this.assembler, source, {
          strict: false,
        });
        const sink = new FileSink(reader, source, /\.json$/i.test(member));
        return {
          write: chunk => sink.write(chunk),
          end: () => {
            if (sink.empty) {
              this.assembler.skip(member);
              return;
            }
            sink.end();
            if (reader.heldNoKubernetesData) this.assembler.skip(member);
          },
        };
      }
    }
  }

  private parseJson(source: string, text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw new SnapshotValidationError(source, '', 'not valid JSON');
    }
  }

  /** Troubleshoot's `cluster-info/cluster_version.json`: `{ info: { major, minor, gitVersion } }`. */
  private readVersion(source: string, text: string): void {
    const value = this.parseJson(source, text);
    const info = isKubeObject(value) ? value.info : undefined;
    if (
      !isKubeObject(info) ||
      typeof info.major !== 'string' ||
      typeof info.minor !== 'string'
    ) {
      throw new SnapshotValidationError(
        source,
        'info',
        'expected the server version ({ major, minor, gitVersion })',
      );
    }
    this.assembler.serverVersion = {
      major: info.major,
      minor: info.minor,
      ...(typeof info.gitVersion === 'string'
        ? { gitVersion: info.gitVersion }
        : {}),
    };
  }

  /** Troubleshoot's `cluster-resources/groups.json`: the API groups discovery served. */
  private readGroups(source: string, text: string): void {
    const value = this.parseJson(source, text);
    if (!Array.isArray(value)) {
      throw new SnapshotValidationError(
        source,
        '',
        'expected a list of API groups',
      );
    }
    const versions: string[] = [];
    for (const group of value) {
      const list = isKubeObject(group) ? group.versions : undefined;
      if (!Array.isArray(list)) continue;
      for (const v of list) {
        if (isKubeObject(v) && typeof v.groupVersion === 'string')
          versions.push(v.groupVersion);
      }
    }
    this.assembler.apiGroupVersions = versions;
  }

  async readFile(chunks: AsyncIterable<Buffer | string>): Promise<void> {
    const reader = new DocumentReader(this.assembler, this.source, {
      strict: true,
    });
    const sink = new FileSink(
      reader,
      this.source,
      /\.json$/i.test(this.source),
    );
    for await (const chunk of chunks) {
      sink.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    }
    sink.end();
    this.documents = reader.documentCount;
  }

  async readDirectory(dir: string): Promise<void> {
    const entries = await readdir(dir, {
      recursive: true,
      withFileTypes: true,
    });
    const files = entries
      .filter(e => e.isFile())
      .map(e => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
      .sort();
    const bundle = files.some(f => f.split('/').includes('cluster-resources'));
    for (const file of files) {
      const sink = this.memberSink(
        file,
        bundle ? bundleRole(file) : plainRole(file),
      );
      if (!sink) continue;
      const stream = createReadStream(join(dir, file), {
        highWaterMark: 1 << 20,
      });
      try {
        for await (const chunk of stream) sink.write(chunk as Buffer);
      } catch (e) {
        stream.destroy();
        throw fileError(`${this.source}: ${file}`, e);
      }
      sink.end();
    }
  }

  /** A Troubleshoot support bundle, streamed from the archive: nothing is unpacked. */
  readBundle(stream: Readable): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let failed = false;
      // Members being read, and whether the archive has ended: done when both are over.
      let open = 0;
      let ended = false;
      const finishIfDone = () => {
        if (ended && open === 0 && !failed) resolve();
      };
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        stream.unpipe();
        stream.destroy();
        reject(e);
      };
      const guard = (fn: () => void) => {
        if (failed) return;
        try {
          fn();
        } catch (e) {
          fail(e);
        }
      };
      const onEntry = (entry: ReadEntry) => {
        const isFile =
          entry.type === 'File' ||
          entry.type === 'OldFile' ||
          entry.type === 'ContiguousFile';
        let sink: Sink | undefined;
        if (isFile && !failed) {
          guard(() => {
            sink = this.memberSink(entry.path, bundleRole(entry.path));
          });
        }
        if (!sink) {
          entry.resume();
          return;
        }
        const target = sink;
        open++;
        entry.on('data', (chunk: Buffer) => guard(() => target.write(chunk)));
        entry.on('end', () => {
          guard(() => target.end());
          open--;
          finishIfDone();
        });
      };
      const parser = new Parser({ strict: true, onReadEntry: onEntry });
      parser.on('error', (e: Error) =>
        fail(
          new SnapshotValidationError(
            this.source,
            '',
            `not a readable .tar.gz support bundle: ${oneLine(e.message)}`,
          ),
        ),
      );
      parser.on('end', () => {
        ended = true;
        finishIfDone();
      });
      stream.on('error', e => fail(fileError(this.source, e)));
      stream.pipe(parser as unknown as NodeJS.WritableStream);
    });
  }

  finish(options: ReadSnapshotOptions): ClusterSnapshot {
    const notice = this.assembler.skippedNotice(this.source);
    const snapshot = this.assembler.finish(
      this.source,
      nameOf(this.source),
      this.documents === 1,
    );
    if (notice) options.onNotice?.(notice);
    return snapshot;
  }
}

function oneLine(message: string): string {
  return message.split('\n')[0];
}

function fileError(source: string, e: unknown): Error {
  if (e instanceof SnapshotValidationError) return e;
  return new SnapshotValidationError(source, '', fileProblem(e));
}

/** Reads the first chunk of a stream and gives back an iterable of all of it. */
async function peek(
  stream: Readable,
): Promise<{ first: Buffer | undefined; all: AsyncIterable<Buffer> }> {
  const iterator = stream[Symbol.asyncIterator]();
  const head = await iterator.next();
  const toBuffer = (c: Buffer | string) =>
    typeof c === 'string' ? Buffer.from(c) : c;
  const first = head.done ? undefined : toBuffer(head.value);
  return {
    first,
    all: {
      async *[Symbol.asyncIterator]() {
        if (first) yield first;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield toBuffer(next.value);
        }
      },
    },
  };
}

function isGzip(chunk: Buffer | undefined): boolean {
  return !!chunk && chunk[0] === GZIP_MAGIC[0] && chunk[1] === GZIP_MAGIC[1];
}

/**
 * Reads a cluster's data as users have it, streaming item by item and validating as
 * it goes:
 * - a ClusterSnapshot (JSON or YAML);
 * - a kubectl `List` (`kubectl get … -A -o json`), typed lists (`NodeList`, …) and
 *   single objects, JSON or YAML, one document or several in one file;
 * - a directory of such files, read recursively
 *   (`kubectl cluster-info dump --output-directory`), and an unpacked support bundle;
 * - a Troubleshoot support bundle `.tar.gz`, streamed from the archive.
 * Errors are one line naming the file (and the bundle member) and the field
 * (`SnapshotValidationError`). See docs/snapshot.md.
 * @public
 */
export async function readSnapshot(
  input: string | Readable,
  options: ReadSnapshotOptions = {},
): Promise<ClusterSnapshot> {
  const source =
    options.source ?? (typeof input === 'string' ? input : 'snapshot');
  const reader = new InputReader(source, options);
  if (typeof input !== 'string') {
    const { first, all } = await peek(input);
    if (isGzip(first)) {
      await reader.readBundle(Readable.from(all));
    } else {
      await reader.readFile(all);
    }
    return reader.finish(options);
  }
  let info;
  try {
    info = await stat(input);
  } catch (e) {
    throw fileError(source, e);
  }
  if (info.isDirectory()) {
    try {
      await reader.readDirectory(input);
    } catch (e) {
      throw fileError(source, e);
    }
    return reader.finish(options);
  }
  const stream = createReadStream(input, { highWaterMark: 1 << 20 });
  try {
    const { first, all } = await peek(stream);
    if (BUNDLE_NAME.test(input) || isGzip(first)) {
      await reader.readBundle(Readable.from(all));
    } else {
      await reader.readFile(all);
    }
  } catch (e) {
    stream.destroy();
    throw fileError(source, e);
  }
  return reader.finish(options);
}
