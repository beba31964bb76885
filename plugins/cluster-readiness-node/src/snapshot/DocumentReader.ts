import {
  parseSnapshotHeader,
  resourceKeyOf,
  ResourceList,
  SnapshotValidationError,
  SNAPSHOT_API_VERSION,
  UNREAD_OBJECT_KEYS,
  validateWith,
} from '@cluster-readiness/backstage-plugin-common';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import {
  JsonItemScanner,
  JsonPath,
  JsonRoute,
  JsonSyntaxError,
} from './JsonItemScanner';
import { isKubeObject, readItem, SnapshotAssembler } from './SnapshotAssembler';

const errorSchema = z.object({
  error: z.object({
    code: z.number().int(),
    reason: z.string(),
    message: z.string(),
  }),
});

const ENTRY_SHAPE =
  'expected { "items": [...] } or { "error": { "code", "reason", "message" } }';

const NOT_KUBE =
  'expected a ClusterSnapshot, a kubectl List, a typed list (NodeList, PodList, …) or a Kubernetes object';

/** What one document turned out to be. */
type DocumentKind = 'kubernetes' | 'snapshot' | 'other';

/**
 * One document of a file or bundle member, filled field by field (streamed JSON) or
 * at once (YAML), then sorted into the assembler when it ends.
 */
class DocumentState {
  private readonly header: Record<string, unknown> = {};
  private resourcesSeen = false;
  private itemsSeen = false;
  private rootIsObject = true;
  /** List items read before the list's kind was known (and every generic item). */
  private pending: Array<[number, unknown]> = [];
  private readonly resources: Record<string, ResourceList> = {};

  constructor(
    private readonly assembler: SnapshotAssembler,
    readonly source: string,
  ) {}

  rootArray(): void {
    this.rootIsObject = false;
  }

  field(name: string, value: unknown): void {
    this.header[name] = value;
  }

  openItems(isArray: boolean): void {
    if (!isArray) {
      throw new SnapshotValidationError(
        this.source,
        'items',
        'expected an array',
      );
    }
    this.itemsSeen = true;
  }

  /** The typed list's item kind, once its `kind` has been read. */
  private listItemKind(): { apiVersion: string; kind: string } | undefined {
    const { kind, apiVersion } = this.header;
    if (typeof kind !== 'string' || typeof apiVersion !== 'string')
      return undefined;
    if (kind === 'List' || !kind.endsWith('List')) return undefined;
    return { apiVersion, kind: kind.slice(0, -4) };
  }

  listItem(index: number, value: unknown): void {
    this.itemsSeen = true;
    // kubectl prints `items` before `kind`: items that name their own kind are sorted
    // (and trimmed) at once, so a large List is never held whole.
    const named =
      isKubeObject(value) &&
      typeof value.kind === 'string' &&
      typeof value.apiVersion === 'string';
    if (!named && typeof this.header.kind !== 'string') {
      this.pending.push([index, value]);
      return;
    }
    this.sortItem(index, value);
  }

  private sortItem(index: number, value: unknown): void {
    const field = `items[${index}]`;
    if (!isKubeObject(value)) {
      throw new SnapshotValidationError(
        this.source,
        field,
        'expected an object',
      );
    }
    // `kubectl get --raw` lists leave kind and apiVersion off their items.
    const typed = this.listItemKind();
    const key = resourceKeyOf(
      value.apiVersion ?? typed?.apiVersion,
      value.kind ?? typed?.kind,
    );
    if (!key) return;
    this.assembler.markCollected(key);
    this.assembler.addObject(key, value, { source: this.source, field });
  }

  openResources(isArray: boolean): void {
    this.resourcesSeen = true;
    if (isArray) {
      throw new SnapshotValidationError(
        this.source,
        'resources',
        'expected an object',
      );
    }
  }

  openResource(key: string, isArray: boolean): void {
    if (isArray) {
      throw new SnapshotValidationError(
        this.source,
        `resources.${key}`,
        ENTRY_SHAPE,
      );
    }
  }

  openResourceItems(key: string, isArray: boolean): void {
    if (!isArray) {
      throw new SnapshotValidationError(
        this.source,
        `resources.${key}.items`,
        'expected an array',
      );
    }
    if (this.resources[key]?.error) {
      throw new SnapshotValidationError(
        this.source,
        `resources.${key}`,
        'has both items and error',
      );
    }
    this.resources[key] ??= { items: [] };
  }

  resourceItem(key: string, index: number, value: unknown): void {
    const entry = this.resources[key];
    if (!entry?.items) {
      throw new SnapshotValidationError(
        this.source,
        `resources.${key}`,
        'has both items and error',
      );
    }
    entry.items.push(
      readItem(
        key,
        value,
        { source: this.source, field: `resources.${key}.items[${index}]` },
        this.assembler.trim,
      ),
    );
  }

  resourceError(key: string, value: unknown): void {
    const parsed = validateWith(errorSchema, { error: value }, this.source, [
      'resources',
      key,
    ]);
    if (this.resources[key]?.items) {
      throw new SnapshotValidationError(
        this.source,
        `resources.${key}`,
        'has both items and error',
      );
    }
    this.resources[key] = parsed;
  }

  /** Any other field under `resources.<key>`. */
  resourceOther(key: string, field: string, value: unknown): void {
    if (field === 'items') {
      // Captured, so not an array.
      throw new SnapshotValidationError(
        this.source,
        `resources.${key}.items`,
        'expected an array',
      );
    }
    if (field === '' && !isKubeObject(value)) {
      throw new SnapshotValidationError(
        this.source,
        `resources.${key}`,
        ENTRY_SHAPE,
      );
    }
  }

  /** Sorts the document into the assembler. */
  end(): DocumentKind {
    const { kind, apiVersion } = this.header;
    if (!this.rootIsObject) return 'other';
    if (
      this.resourcesSeen ||
      'resources' in this.header ||
      kind === 'ClusterSnapshot' ||
      apiVersion === SNAPSHOT_API_VERSION
    ) {
      const header = parseSnapshotHeader(this.header, this.source);
      if ('resources' in this.header) {
        // Captured whole: it was not an object.
        throw new SnapshotValidationError(
          this.source,
          'resources',
          'expected an object',
        );
      }
      if (!this.resourcesSeen) {
        throw new SnapshotValidationError(
          this.source,
          'resources',
          'is required (expected object)',
        );
      }
      this.assembler.setSnapshot(
        { ...header, resources: this.resources },
        this.source,
      );
      return 'snapshot';
    }
    if (this.itemsSeen || (typeof kind === 'string' && kind.endsWith('List'))) {
      const typed = this.listItemKind();
      if (typed) {
        const key = resourceKeyOf(typed.apiVersion, typed.kind);
        if (key) this.assembler.markCollected(key);
      }
      for (const [index, value] of this.pending) this.sortItem(index, value);
      this.pending = [];
      this.assembler.countDocument(kind === 'List' || kind === undefined);
      return 'kubernetes';
    }
    if (typeof kind === 'string' && typeof apiVersion === 'string') {
      const key = resourceKeyOf(apiVersion, kind);
      if (key) {
        this.assembler.markCollected(key);
        this.assembler.addObject(key, this.header, {
          source: this.source,
          field: '',
        });
      }
      this.assembler.countDocument(false);
      return 'kubernetes';
    }
    return 'other';
  }

  /** Fills the document from a whole parsed value (YAML). */
  fill(value: unknown): void {
    if (!isKubeObject(value)) {
      this.rootArray();
      return;
    }
    for (const [name, v] of Object.entries(value)) {
      if (name === 'items' && !this.isSnapshotLike(value)) {
        this.openItems(Array.isArray(v));
        (v as unknown[]).forEach((item, i) => this.listItem(i, item));
      } else if (name === 'resources' && isKubeObject(v)) {
        this.openResources(false);
        for (const [key, entry] of Object.entries(v)) {
          this.openResource(key, Array.isArray(entry));
          if (!isKubeObject(entry)) {
            this.resourceOther(key, '', entry);
            continue;
          }
          if ('items' in entry) {
            this.openResourceItems(key, Array.isArray(entry.items));
            (entry.items as unknown[]).forEach((item, i) =>
              this.resourceItem(key, i, item),
            );
          }
          if ('error' in entry) this.resourceError(key, entry.error);
        }
      } else {
        this.field(name, v);
      }
    }
  }

  private isSnapshotLike(value: Record<string, unknown>): boolean {
    return value.kind === 'ClusterSnapshot' || 'resources' in value;
  }
}

/** @public */
export interface DocumentReaderOptions {
  /**
   * The input is this one file: a document that is not Kubernetes data is an error
   * rather than a skipped file.
   */
  strict: boolean;
}

/**
 * Reads one file or bundle member — JSON (one document or several, streamed item by
 * item) or YAML (one document or several) — into a `SnapshotAssembler`.
 * @public
 */
export class DocumentReader {
  private documents = 0;
  private kubeDocuments = 0;
  private state: DocumentState | undefined;
  private scanner: JsonItemScanner | undefined;
  private sawOther = false;

  constructor(
    private readonly assembler: SnapshotAssembler,
    private readonly source: string,
    private readonly options: DocumentReaderOptions,
  ) {}

  /** Documents read so far. */
  get documentCount(): number {
    return this.documents;
  }

  private documentSource(index: number, several: boolean): string {
    return several ? `${this.source} (document ${index + 1})` : this.source;
  }

  private endDocument(state: DocumentState): void {
    const kind = state.end();
    this.documents++;
    if (kind === 'other') {
      if (this.options.strict) {
        throw new SnapshotValidationError(state.source, '', NOT_KUBE);
      }
      this.sawOther = true;
    } else {
      this.kubeDocuments++;
    }
  }

  /** True when the file held nothing but documents that are not Kubernetes data. */
  get heldNoKubernetesData(): boolean {
    return this.sawOther && this.kubeDocuments === 0;
  }

  /** Streams JSON: call `write` for every chunk, then `end`. */
  writeJson(chunk: Buffer): void {
    if (!this.scanner) this.scanner = this.createScanner();
    try {
      this.scanner.write(chunk);
    } catch (e) {
      throw this.jsonError(e);
    }
  }

  endJson(): void {
    if (!this.scanner) this.scanner = this.createScanner();
    try {
      this.scanner.end();
    } catch (e) {
      throw this.jsonError(e);
    }
  }

  private jsonError(e: unknown): unknown {
    if (e instanceof JsonSyntaxError) {
      return new SnapshotValidationError(
        this.state?.source ?? this.source,
        '',
        e.message,
      );
    }
    return e;
  }

  private createScanner(): JsonItemScanner {
    const current = () => {
      if (!this.state) {
        this.state = new DocumentState(
          this.assembler,
          this.documentSource(this.documents, this.documents > 0),
        );
      }
      return this.state;
    };
    const route = (path: JsonPath): JsonRoute => {
      const [first, , third] = path;
      switch (path.length) {
        case 0:
          return 'descend';
        case 1:
          if (typeof first === 'number') return 'skip';
          return first === 'resources' || first === 'items'
            ? 'descend'
            : 'capture';
        case 2:
          if (first === 'resources') return 'descend';
          return first === 'items' ? 'capture' : 'skip';
        case 3:
          return third === 'items' ? 'descend' : 'capture';
        default:
          return 'capture';
      }
    };
    const onOpen = (path: JsonPath, isArray: boolean) => {
      const state = current();
      if (path.length === 0) {
        if (isArray) state.rootArray();
        return;
      }
      if (path[0] === 'items' && path.length === 1) state.openItems(isArray);
      else if (path[0] === 'resources') {
        if (path.length === 1) state.openResources(isArray);
        else if (path.length === 2)
          state.openResource(String(path[1]), isArray);
        else if (path.length === 3 && path[2] === 'items')
          state.openResourceItems(String(path[1]), isArray);
      }
    };
    const onValue = (path: JsonPath, value: unknown) => {
      const state = current();
      if (path.length === 0) {
        // A document that is not an object (a number, a string).
        state.rootArray();
        return;
      }
      const [first, second, third] = path;
      if (typeof first === 'number') return;
      if (path.length === 1) {
        state.field(first, value);
      } else if (first === 'items') {
        state.listItem(second as number, value);
      } else if (path.length === 4 && third === 'items') {
        state.resourceItem(String(second), path[3] as number, value);
      } else if (path.length === 3 && third === 'error') {
        state.resourceError(String(second), value);
      } else if (path.length === 3) {
        state.resourceOther(String(second), String(third), value);
      } else if (path.length === 2) {
        state.resourceOther(String(second), '', value);
      }
    };
    return new JsonItemScanner(
      route,
      onValue,
      onOpen,
      this.assembler.trim ? UNREAD_OBJECT_KEYS : [],
      {
        multipleDocuments: true,
        onDocumentEnd: () => {
          const state = current();
          this.state = undefined;
          this.endDocument(state);
        },
      },
    );
  }

  /** Reads a whole YAML text (one document or several, `---`-separated). */
  readYaml(text: string): void {
    const docs = parseAllDocuments(text, { uniqueKeys: false });
    const list = Array.isArray(docs) ? docs : [docs];
    const several = list.length > 1;
    list.forEach((doc, index) => {
      const source = this.documentSource(index, several);
      const error = doc.errors[0];
      if (error) {
        const where = error.linePos?.[0];
        throw new SnapshotValidationError(
          source,
          '',
          `not valid YAML${
            where ? ` at line ${where.line}, column ${where.col}` : ''
          }: ${error.message.split('\n')[0]}`,
        );
      }
      const value = doc.toJS({ maxAliasCount: 100 });
      if (value === null || value === undefined) return; // empty document
      const state = new DocumentState(this.assembler, source);
      state.fill(value);
      this.endDocument(state);
    });
    if (this.documents === 0 && this.options.strict) {
      throw new SnapshotValidationError(this.source, '', 'the input is empty');
    }
  }
}
