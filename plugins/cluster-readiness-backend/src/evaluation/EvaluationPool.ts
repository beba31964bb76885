import type {
  ClusterReport,
  ClusterSnapshot,
  EvaluateOptions,
  WorkloadReport,
} from '@cluster-readiness/backstage-plugin-common';
import { availableParallelism } from 'node:os';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';

/** What one evaluation gives: the report and the findings per workload. @public */
export interface Evaluation {
  report: ClusterReport;
  workloads: Record<string, WorkloadReport>;
}

/**
 * Options that can cross a thread: everything in `EvaluateOptions` but custom checks
 * (functions), which run in the caller's thread instead.
 * @public
 */
export type WorkerEvaluateOptions = Omit<EvaluateOptions, 'additionalChecks'>;

/** An evaluation that failed in a worker: the message names the cluster and what happened. @public */
export class EvaluationFailedError extends Error {
  name = 'EvaluationFailedError';
}

/**
 * A snapshot file that a worker could not read: the message is the reader's one line
 * naming the file and what was wrong with it.
 * @public
 */
export class SnapshotReadFailedError extends Error {
  name = 'SnapshotReadFailedError';
}

/** What a worker is given: a serialized snapshot, or the path of a snapshot file to read. */
type Input =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'file'; path: string; clusterName: string };

type Task = {
  id: number;
  cluster: string;
  input: Input;
  options: WorkerEvaluateOptions;
  onNotice?: (message: string) => void;
  resolve: (evaluation: Evaluation) => void;
  reject: (error: Error) => void;
};

type Reply =
  | {
      id: number;
      ok: true;
      report: ClusterReport;
      workloads: Record<string, WorkloadReport>;
    }
  | { id: number; ok: false; stage: 'read' | 'evaluate'; error: string }
  | { id: number; notice: string };

/**
 * The worker's code: plain CommonJS, so it needs no build step of its own. It loads the
 * common package by the path the main thread resolved; when that is TypeScript source
 * (`yarn start`, tests) it first loads Backstage's own node transform.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { deserialize } = require('node:v8');
if (workerData.transform) require(workerData.transform);
const common = require(workerData.common);
let node;
const messageOf = e => (e instanceof Error ? e.message : String(e));
async function snapshotOf(id, input) {
  if (input.kind === 'bytes') return deserialize(input.bytes);
  node ??= require(workerData.node);
  const snapshot = await node.readSnapshot(input.path, {
    clusterName: input.clusterName,
    onNotice: notice => parentPort.postMessage({ id, notice }),
  });
  return snapshot.cluster.name === input.clusterName
    ? snapshot
    : { ...snapshot, cluster: { ...snapshot.cluster, name: input.clusterName } };
}
parentPort.on('message', async ({ id, input, options }) => {
  let snapshot;
  try {
    snapshot = await snapshotOf(id, input);
  } catch (e) {
    parentPort.postMessage({ id, ok: false, stage: 'read', error: messageOf(e) });
    return;
  }
  try {
    const report = common.evaluate(snapshot, options);
    parentPort.postMessage({ id, ok: true, report, workloads: common.workloadFindings(snapshot) });
  } catch (e) {
    parentPort.postMessage({ id, ok: false, stage: 'evaluate', error: messageOf(e) });
  }
});
`;

function workerData() {
  const common = require.resolve('@cluster-readiness/backstage-plugin-common');
  const node = require.resolve('@cluster-readiness/backstage-plugin-node');
  const transform = /\.[cm]?tsx?$/.test(common)
    ? require.resolve('@backstage/cli-node/config/nodeTransform.cjs')
    : undefined;
  return { common, node, transform };
}

/**
 * The snapshot as one buffer of its own (V8's serialization: plain data, read back
 * object by object), which the worker takes over rather than a copy.
 */
function serialized(snapshot: ClusterSnapshot): Uint8Array {
  const buffer = serialize(snapshot);
  // A buffer that shares its memory with others cannot be transferred: copy it.
  return buffer.byteOffset === 0 &&
    buffer.byteLength === buffer.buffer.byteLength
    ? buffer
    : new Uint8Array(buffer);
}

/** One worker and the task it is running. */
type Slot = { worker: Worker; task?: Task };

/**
 * Evaluates snapshots on a pool of worker threads, at most `size` at once, so a refresh
 * uses every core: snapshot files are read and parsed in the worker too, and a snapshot
 * the main thread holds crosses as one transferred buffer. A thrown evaluation or a worker
 * that dies fails that one evaluation with a clear `EvaluationFailedError` (a dead
 * worker is replaced); everything else goes on. `close` ends every worker.
 * @public
 */
export class EvaluationPool {
  /** Default size: one worker per core the process may use. */
  static defaultSize(): number {
    return availableParallelism();
  }

  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;
  private data: ReturnType<typeof workerData> | undefined;
  /** Evaluations each worker finished; tests read it to see the work was shared. */
  private completed = 0;

  private readonly size: number;

  constructor(
    private readonly options: {
      /** Worker threads at most; default one per core. */
      size?: number;
      /** Heap limit of each worker: a snapshot too big for it fails alone instead of the process. */
      maxHeapMb?: number;
    } = {},
  ) {
    const size = options.size ?? EvaluationPool.defaultSize();
    this.size = size;
    if (!Number.isInteger(size) || size < 1) {
      throw new Error(
        `EvaluationPool size must be a positive integer, got ${size}`,
      );
    }
  }

  /** Workers started and alive now. */
  get threads(): number {
    return this.slots.length;
  }

  /** Evaluations finished (successfully or not) since the pool started. */
  get evaluations(): number {
    return this.completed;
  }

  /**
   * Evaluates a snapshot this thread holds (read live, or pushed). It crosses to the
   * worker as one serialized buffer, transferred rather than copied, and is read back
   * there; nothing large is cloned by the message channel.
   */
  evaluate(
    snapshot: ClusterSnapshot,
    options: WorkerEvaluateOptions = {},
  ): Promise<Evaluation> {
    const cluster = snapshot.cluster?.name ?? '(unnamed)';
    return this.submit(cluster, options, () => ({
      kind: 'bytes',
      bytes: serialized(snapshot),
    }));
  }

  /**
   * Reads a snapshot file (any form `readSnapshot` reads) and evaluates it, both in a
   * worker: this thread only passes the path and receives the results. The snapshot
   * is named `clusterName`. A file that cannot be read rejects with
   * `SnapshotReadFailedError` (the reader's message); the reader's notices go to
   * `onNotice`.
   */
  evaluateFile(
    path: string,
    options: {
      clusterName: string;
      evaluate?: WorkerEvaluateOptions;
      onNotice?: (message: string) => void;
    },
  ): Promise<Evaluation> {
    return this.submit(
      options.clusterName,
      options.evaluate ?? {},
      () => ({ kind: 'file', path, clusterName: options.clusterName }),
      options.onNotice,
    );
  }

  private submit(
    cluster: string,
    options: WorkerEvaluateOptions,
    input: () => Input,
    onNotice?: (message: string) => void,
  ): Promise<Evaluation> {
    if (this.closed) {
      return Promise.reject(
        new EvaluationFailedError(
          `Evaluating cluster ${cluster} failed: the evaluation pool is closed`,
        ),
      );
    }
    return new Promise<Evaluation>((resolve, reject) => {
      const task: Task = {
        id: this.nextId++,
        cluster,
        input: input(),
        options,
        onNotice,
        resolve,
        reject,
      };
      this.queue.push(task);
      this.dispatch();
    });
  }

  private dispatch() {
    while (this.queue.length) {
      let slot = this.slots.find(s => !s.task);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.task = task;
      // Only a busy worker keeps the process alive; an idle one never blocks exit.
      slot.worker.ref();
      const { input } = task;
      slot.worker.postMessage(
        { id: task.id, input, options: task.options },
        input.kind === 'bytes' ? [input.bytes.buffer as ArrayBuffer] : [],
      );
    }
  }

  private spawn(): Slot {
    this.data ??= workerData();
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: this.data,
      ...(this.options.maxHeapMb
        ? { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb } }
        : {}),
    });
    const slot: Slot = { worker };
    worker.on('message', (reply: Reply) => {
      const task = slot.task;
      if (!task || task.id !== reply.id) return;
      if ('notice' in reply) {
        task.onNotice?.(reply.notice);
        return;
      }
      slot.task = undefined;
      worker.unref();
      this.completed += 1;
      if (reply.ok) {
        task.resolve({ report: reply.report, workloads: reply.workloads });
      } else if (reply.stage === 'read') {
        task.reject(new SnapshotReadFailedError(reply.error));
      } else {
        task.reject(
          new EvaluationFailedError(
            `Evaluating cluster ${task.cluster} failed: ${reply.error}`,
          ),
        );
      }
      this.dispatch();
    });
    const lost = (why: string) => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      const task = slot.task;
      slot.task = undefined;
      if (task) {
        this.completed += 1;
        task.reject(
          new EvaluationFailedError(
            `Evaluating cluster ${task.cluster} failed: its worker thread ${why}`,
          ),
        );
      }
      if (!this.closed) this.dispatch();
    };
    worker.on('error', e =>
      lost(`failed (${(e as NodeJS.ErrnoException).code ?? 'error'})`),
    );
    worker.on('exit', code => lost(`exited with code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  /** Ends every worker; evaluations still queued or running fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) {
      task.reject(
        new EvaluationFailedError(
          `Evaluating cluster ${task.cluster} failed: the evaluation pool is closed`,
        ),
      );
    }
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map(async slot => {
        slot.task?.reject(
          new EvaluationFailedError(
            `Evaluating cluster ${slot.task.cluster} failed: the evaluation pool is closed`,
          ),
        );
        await slot.worker.terminate();
      }),
    );
  }
}
