/**
 * A JSON path inside a document: object keys and array indices from the root.
 * @public
 */
export type JsonPath = ReadonlyArray<string | number>;

/**
 * What the scanner does with the value at a path: `descend` walks into an object or
 * array (and is treated as `capture` for anything else), `capture` parses the whole
 * value and hands it over, `skip` passes over it without parsing.
 * @public
 */
export type JsonRoute = 'descend' | 'capture' | 'skip';

/** @public */
export class JsonSyntaxError extends Error {
  readonly name = 'JsonSyntaxError';
  constructor(message: string, readonly offset: number) {
    super(`not valid JSON at byte ${offset}: ${message}`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

interface Frame {
  array: boolean;
  /** Path of this container. */
  path: Array<string | number>;
  /** Next array index, or the key just read in an object. */
  index: number;
  key: string | undefined;
  /** Object: expecting a key (true) or a value (false). */
  expectKey: boolean;
  /** A value was read since the last comma (so `,` or the close is next). */
  afterValue: boolean;
}

/** @public */
export interface JsonItemScannerOptions {
  /**
   * Accept several top-level documents one after another (what
   * `kubectl cluster-info dump` and `kubectl get … -o json` loops write). Each further
   * document must be an object or an array.
   */
  multipleDocuments?: boolean;
  /** Called when a top-level document ends (with its index, from 0). */
  onDocumentEnd?: (index: number) => void;
}

/**
 * Streams a JSON document chunk by chunk and hands over the values a router selects,
 * parsing each with `JSON.parse` on its own bytes. Only the open containers along the
 * way are tracked, so memory holds the current chunk and the value being captured,
 * not the document: this is what lets readers take snapshots larger than the longest
 * string a JavaScript engine can hold (hundreds of MB of pods).
 *
 * Strings are skipped with `Buffer.indexOf`, so the cost per byte is small.
 * @public
 */
export class JsonItemScanner {
  private buf: Buffer = Buffer.alloc(0);
  /** Bytes of the document before `buf[0]`. */
  private base = 0;
  private pos = 0;
  private readonly stack: Frame[] = [];
  private started = false;
  private finished = false;
  private documents = 0;
  private readonly options: JsonItemScannerOptions;
  // Capture state: start of the value in buf, its nesting depth, whether inside a string.
  private capturing:
    | {
        start: number;
        depth: number;
        inString: boolean;
        path: JsonPath;
        route: JsonRoute;
        primitive: boolean;
        /** Value ranges (relative to start) replaced by null before parsing. */
        nulls: Array<[number, number]>;
        nullFrom: number;
        nullDepth: number;
      }
    | undefined;

  /** Dropped keys by byte length, for a cheap first test. */
  private readonly dropKeys: Map<number, Buffer[]>;

  /**
   * @param route - decides what to do with the value at each path
   * @param onValue - receives every captured value
   * @param onOpen - called when the scanner descends into a container
   * @param dropKeys - object keys whose object or array values, anywhere inside a
   *   captured value, are parsed as `null` (for example `managedFields`): skipping
   *   them saves parse time and memory for data nobody reads
   * @param options - several documents in one input
   */
  constructor(
    private readonly route: (path: JsonPath) => JsonRoute,
    private readonly onValue: (path: JsonPath, value: unknown) => void,
    private readonly onOpen?: (path: JsonPath, isArray: boolean) => void,
    dropKeys: readonly string[] = [],
    options: JsonItemScannerOptions = {},
  ) {
    this.options = options;
    this.dropKeys = new Map();
    for (const key of dropKeys) {
      const bytes = Buffer.from(key);
      this.dropKeys.set(bytes.length, [
        ...(this.dropKeys.get(bytes.length) ?? []),
        bytes,
      ]);
    }
  }

  write(chunk: Buffer): void {
    if (!this.capturing && this.buf.length === this.pos) {
      this.base += this.buf.length;
      this.buf = chunk;
      this.pos = 0;
    } else {
      const keep = this.capturing ? this.capturing.start : this.pos;
      this.base += keep;
      this.buf = Buffer.concat([this.buf.subarray(keep), chunk]);
      this.pos -= keep;
      if (this.capturing) this.capturing.start = 0;
    }
    this.run(false);
  }

  end(): void {
    this.run(true);
    if (!this.finished) {
      throw new JsonSyntaxError(
        this.started ? 'unexpected end of input' : 'the input is empty',
        this.base + this.buf.length,
      );
    }
  }

  private fail(message: string, at = this.pos): never {
    throw new JsonSyntaxError(message, this.base + at);
  }

  private run(final: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    for (;;) {
      if (this.capturing) {
        if (!this.continueCapture(final)) return;
        continue;
      }
      // Skip whitespace.
      while (this.pos < len && isSpace(buf[this.pos])) this.pos++;
      if (this.pos >= len) return;
      const b = buf[this.pos];
      if (this.finished) {
        if (
          !this.options.multipleDocuments ||
          (b !== OPEN_BRACE && b !== OPEN_BRACKET)
        ) {
          this.fail('unexpected data after the document');
        }
        this.finished = false;
        this.started = false;
      }
      const frame = this.stack[this.stack.length - 1];
      if (!frame) {
        if (this.started) this.fail('unexpected data after the document');
        this.started = true;
        this.beginValue([], b);
        continue;
      }
      if (b === COMMA) {
        if (!frame.afterValue) this.fail('unexpected ","');
        frame.afterValue = false;
        if (!frame.array) frame.expectKey = true;
        this.pos++;
        continue;
      }
      if (
        (b === CLOSE_BRACE && !frame.array) ||
        (b === CLOSE_BRACKET && frame.array)
      ) {
        if (
          !frame.afterValue &&
          (frame.array ? frame.index > 0 : frame.key !== undefined)
        ) {
          this.fail('trailing comma');
        }
        if (!frame.array && !frame.expectKey && !frame.afterValue)
          this.fail('missing value');
        this.pos++;
        this.stack.pop();
        const parent = this.stack[this.stack.length - 1];
        if (parent) parent.afterValue = true;
        else this.documentDone();
        continue;
      }
      if (frame.afterValue)
        this.fail(`expected "," or "${frame.array ? ']' : '}'}"`);
      if (frame.array) {
        const path = [...frame.path, frame.index++];
        frame.afterValue = true;
        this.beginValue(path, b);
        continue;
      }
      if (frame.expectKey) {
        if (b !== QUOTE) this.fail('expected a property name');
        const end = this.findStringEnd(this.pos + 1);
        if (end < 0) {
          if (final) this.fail('unterminated string');
          return;
        }
        // Need the colon too before committing.
        let p = end + 1;
        while (p < len && isSpace(buf[p])) p++;
        if (p >= len) {
          if (final) this.fail('expected ":"', p);
          return;
        }
        if (buf[p] !== COLON) this.fail('expected ":"', p);
        frame.key = JSON.parse(buf.toString('utf8', this.pos, end + 1));
        frame.expectKey = false;
        this.pos = p + 1;
        continue;
      }
      // Object value.
      const path = [...frame.path, frame.key as string];
      frame.afterValue = true;
      this.beginValue(path, b);
    }
  }

  private beginValue(path: Array<string | number>, first: number): void {
    const route = this.route(path);
    const container = first === OPEN_BRACE || first === OPEN_BRACKET;
    if (route === 'descend' && container) {
      this.onOpen?.(path, first === OPEN_BRACKET);
      this.stack.push({
        array: first === OPEN_BRACKET,
        path,
        index: 0,
        key: undefined,
        expectKey: first === OPEN_BRACE,
        afterValue: false,
      });
      this.pos++;
      return;
    }
    this.capturing = {
      start: this.pos,
      depth: 0,
      inString: false,
      path,
      route,
      primitive: !container,
      nulls: [],
      nullFrom: -1,
      nullDepth: -1,
    };
  }

  /** If the string at [open, close] is a dropped key followed by `:` and a container, where that container starts. */
  private droppedValueStart(open: number, close: number): number {
    const candidates = this.dropKeys.get(close - open - 1);
    if (!candidates) return -1;
    const buf = this.buf;
    let match = false;
    for (const key of candidates) {
      let i = 0;
      while (i < key.length && key[i] === buf[open + 1 + i]) i++;
      if (i === key.length) {
        match = true;
        break;
      }
    }
    if (!match) return -1;
    let p = close + 1;
    while (p < buf.length && isSpace(buf[p])) p++;
    if (buf[p] !== COLON) return -1;
    p++;
    while (p < buf.length && isSpace(buf[p])) p++;
    return buf[p] === OPEN_BRACE || buf[p] === OPEN_BRACKET ? p : -1;
  }

  /** Index of the closing quote of a string whose content starts at `from`, or -1. */
  private findStringEnd(from: number): number {
    const buf = this.buf;
    // Most strings are short: a plain loop beats a native indexOf call for them.
    // (Not when resuming right after a backslash: that escape started before `from`.)
    const near =
      from > 0 && buf[from - 1] === BACKSLASH
        ? from
        : Math.min(buf.length, from + 48);
    for (let j = from; j < near; j++) {
      const b = buf[j];
      if (b === BACKSLASH) break;
      if (b === QUOTE) return j;
    }
    let i = from;
    for (;;) {
      const q = buf.indexOf(QUOTE, i);
      if (q < 0) return -1;
      // Count the escapes before the quote; they may lie before `from` when a string
      // spans chunks, but never before the string's opening quote.
      let backslashes = 0;
      for (let j = q - 1; j >= 0 && buf[j] === BACKSLASH; j--) backslashes++;
      if (backslashes % 2 === 0) return q;
      i = q + 1;
    }
  }

  /** Returns false when more input is needed. */
  private continueCapture(final: boolean): boolean {
    const c = this.capturing!;
    const buf = this.buf;
    const len = buf.length;
    let i = this.pos;
    if (c.primitive) {
      if (buf[c.start] === QUOTE) {
        const end = this.findStringEnd(Math.max(i, c.start + 1));
        if (end < 0) {
          this.pos = len;
          if (final) this.fail('unterminated string', c.start);
          return false;
        }
        i = end + 1;
      } else {
        while (i < len) {
          const b = buf[i];
          if (
            b === COMMA ||
            b === CLOSE_BRACE ||
            b === CLOSE_BRACKET ||
            isSpace(b)
          )
            break;
          i++;
        }
        if (i >= len && !final) {
          this.pos = len;
          return false;
        }
      }
      this.emit(c, i);
      return true;
    }
    let depth = c.depth;
    if (c.inString) {
      const end = this.findStringEnd(i);
      if (end < 0) {
        this.pos = len;
        if (final) this.fail('unterminated string', c.start);
        return false;
      }
      i = end + 1;
      c.inString = false;
    }
    while (i < len) {
      const b = buf[i];
      if (b === QUOTE) {
        const end = this.findStringEnd(i + 1);
        if (end < 0) {
          c.inString = true;
          // Resume the search after the opening quote.
          i += 1;
          break;
        }
        if (c.nullFrom < 0 && this.dropKeys.size) {
          const valueStart = this.droppedValueStart(i, end);
          if (valueStart >= 0) {
            c.nullFrom = valueStart - c.start;
            c.nullDepth = depth;
          }
        }
        i = end + 1;
        continue;
      }
      if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        depth--;
        if (depth === c.nullDepth && c.nullFrom >= 0) {
          c.nulls.push([c.nullFrom, i + 1 - c.start]);
          c.nullFrom = -1;
          c.nullDepth = -1;
        }
        if (depth === 0) {
          this.emit(c, i + 1);
          return true;
        }
      }
      i++;
    }
    c.depth = depth;
    this.pos = c.inString ? i : len;
    if (final) this.fail('unexpected end of input', c.start);
    return false;
  }

  private emit(
    c: NonNullable<JsonItemScanner['capturing']>,
    end: number,
  ): void {
    this.capturing = undefined;
    this.pos = end;
    const root = this.stack.length === 0;
    if (c.route === 'skip') {
      if (root) this.documentDone();
      return;
    }
    let text: string;
    if (c.nulls.length === 0) {
      text = this.buf.toString('utf8', c.start, end);
    } else {
      const parts: string[] = [];
      let from = c.start;
      for (const [a, b] of c.nulls) {
        parts.push(this.buf.toString('utf8', from, c.start + a), 'null');
        from = c.start + b;
      }
      parts.push(this.buf.toString('utf8', from, end));
      text = parts.join('');
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.fail(
        (e as Error).message.replace(/ in JSON at position \d+.*$/, ''),
        c.start,
      );
    }
    this.onValue(c.path, value);
    if (root) this.documentDone();
  }

  private documentDone(): void {
    this.finished = true;
    this.options.onDocumentEnd?.(this.documents++);
  }
}
