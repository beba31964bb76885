import type {
  ClusterReport,
  ClusterSnapshot,
  EvaluateOptions,
  WorkloadReport,
} from '@cluster-readiness/backstage-plugin-common';
import { availableParallelism } from 'node:os';
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

type Task = {
  id: number;
  cluster: string;
  snapshot: ClusterSnapshot;
  options: WorkerEvaluateOptions;
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
  | { id: number; ok: false; error: string };

/**
 * The worker's code: plain CommonJS, so it needs no build step of its own. It loads the
 * common package by the path the main thread resolved; when that is TypeScript source
 * (`yarn start`, tests) it first loads Backstage's own node transform.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.transform) require(workerData.transform);
const common = require(workerData.common);
parentPort.on('message', ({ id, snapshot, options }) => {
  try {
    const report = common.evaluate(snapshot, options);
    parentPort.postMessage({ id, ok: true, report, workloads: common.workloadFindings(snapshot) });
  } catch (e) {
    parentPort.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
`;

function workerData() {
  const common = require.resolve('@cluster-readiness/backstage-plugin-common');
  const transform = /\.[cm]?tsx?$/.test(common)
    ? require.resolve('@backstage/cli-node/config/nodeTransform.cjs')
    : undefined;
  return { common, transform };
}

/** One worker and the task it is running. */
type Slot = { worker: Worker; task?: Task };

/**
 * Evaluates snapshots on a pool of worker threads, at most `size` at once, so a refresh
 * uses every core while the main thread does only I/O. A thrown evaluation or a worker
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

  evaluate(
    snapshot: ClusterSnapshot,
    options: WorkerEvaluateOptions = {},
  ): Promise<Evaluation> {
    const cluster = snapshot.cluster?.name ?? '(unnamed)';
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
        snapshot,
        options,
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
      slot.worker.postMessage({
        id: task.id,
        snapshot: task.snapshot,
        options: task.options,
      });
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
      slot.task = undefined;
      worker.unref();
      this.completed += 1;
      if (reply.ok)
        task.resolve({ report: reply.report, workloads: reply.workloads });
      else
        task.reject(
          new EvaluationFailedError(
            `Evaluating cluster ${task.cluster} failed: ${reply.error}`,
          ),
        );
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
