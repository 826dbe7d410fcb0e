// Detection runs in worker threads so that the event loop only moves bytes: a long call (a large prompt, an
// expensive policy) never delays health checks or other calls' I/O. Each call has a deadline; a worker still
// busy at its call's deadline is terminated and replaced, which is the only way to stop a synchronous
// detector midway. With two or more workers, one takes small calls only, so large calls cannot hold every
// worker while small ones wait. Callers (tenants: the proxy's keys) share fairly: a free worker takes the
// oldest call of the tenant with the fewest calls running, then of the one served least recently; and a
// tenant with calls waiting may fill at most half the queue. A flood from one key delays another key's scan
// by about one call per worker, and cannot get it refused.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import type { PiiPolicy } from '@tollgate/pii';
import type { ScanResult } from '@tollgate/prompt-scan';
import { ScanException } from './scan.exception';
import type { ScanTaskMessage, ScanWorkerData, WorkerMessage } from './scan-task';

export interface WorkerScript {
  // A file, or code when options.eval is set (the tests start workers from the TypeScript sources).
  readonly source: string | URL;
  readonly options?: Pick<WorkerOptions, 'eval' | 'env' | 'execArgv'>;
}

export interface ScanWorkerPoolOptions {
  readonly size: number;
  readonly script: WorkerScript;
  readonly policyCacheSize: number;
  // Calls of at most this many text bytes may use the worker kept for small calls.
  readonly smallCallBytes: number;
  // Text bytes that may wait for a worker; past it a call is refused at once (503): bodies held while queued
  // are the service's memory.
  readonly maxQueuedBytes: number;
}

export interface ScanJob {
  readonly policyKey: string;
  readonly policy: PiiPolicy;
  readonly texts: readonly string[];
  readonly bytes: number;
  // performance.now() by which the call must be answered.
  readonly deadline: number;
  // Who the call is for ('' when the caller does not say: those calls share as one tenant).
  readonly tenant: string;
}

export interface ScanJobDone {
  readonly result: ScanResult;
  readonly queuedMs: number;
  readonly scanMs: number;
}

interface PendingJob {
  readonly id: number;
  readonly job: ScanJob;
  readonly enqueuedAt: number;
  readonly resolve: (done: ScanJobDone) => void;
  readonly reject: (error: ScanException) => void;
  timer?: NodeJS.Timeout;
  startedAt?: number;
  slot?: WorkerSlot;
}

interface WorkerSlot {
  readonly smallCallsOnly: boolean;
  worker?: Worker;
  ready: boolean;
  // A worker that never became ready (a missing file, a failing import) is restarted slowly.
  everReady: boolean;
  running: PendingJob | null;
}

const RESTART_AFTER_FAILED_START_MS = 1_000;

export class ScanWorkerPool {
  private readonly logger = new Logger(ScanWorkerPool.name);
  private readonly slots: WorkerSlot[];
  private readonly queue: PendingJob[] = [];
  private nextId = 1;
  private queuedBytes = 0;
  // When each tenant last had a call started (a count of starts), for round-robin between tenants.
  private readonly lastStarted = new Map<string, number>();
  private starts = 0;
  private closed = false;

  constructor(private readonly options: ScanWorkerPoolOptions) {
    this.slots = Array.from({ length: options.size }, (_, i) => ({
      smallCallsOnly: options.size > 1 && i === 0,
      ready: false,
      everReady: false,
      running: null,
    }));
    for (const slot of this.slots) this.spawn(slot);
  }

  get readyWorkers(): number {
    return this.slots.filter((slot) => slot.ready).length;
  }

  run(job: ScanJob): Promise<ScanJobDone> {
    if (this.closed) return Promise.reject(new ScanException('unavailable', 'the service is shutting down'));
    if (this.queuedBytes + job.bytes > this.options.maxQueuedBytes) {
      return Promise.reject(new ScanException('unavailable', 'too many calls are waiting for a worker'));
    }
    const waiting = this.queuedBytesOf(job.tenant);
    if (waiting > 0 && waiting + job.bytes > this.options.maxQueuedBytes / 2) {
      return Promise.reject(new ScanException('unavailable', 'too many calls of this caller are waiting'));
    }
    return new Promise((resolve, reject) => {
      const pending: PendingJob = { id: this.nextId++, job, enqueuedAt: performance.now(), resolve, reject };
      const remaining = job.deadline - pending.enqueuedAt;
      if (remaining <= 0) return reject(deadlineExceeded());
      pending.timer = setTimeout(() => this.onDeadline(pending), remaining);
      this.enqueue(pending);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of [...this.queue]) {
      this.dequeue(pending);
      this.settle(pending, new ScanException('unavailable', 'shutting down'));
    }
    await Promise.all(this.slots.flatMap((slot) => (slot.worker ? [slot.worker.terminate()] : [])));
  }

  private spawn(slot: WorkerSlot): void {
    const workerData: ScanWorkerData = { policyCacheSize: this.options.policyCacheSize };
    const worker = new Worker(this.options.script.source, { ...this.options.script.options, workerData });
    slot.worker = worker;
    worker.on('message', (message: WorkerMessage) => {
      if (slot.worker === worker) this.onMessage(slot, message);
    });
    worker.on('error', (error) => {
      // Stack frames only: the message of an error thrown by a detector could quote a text.
      this.logger.error(
        `detection worker failed (${error.name})\n${error.stack?.split('\n').slice(1).join('\n')}`,
      );
    });
    worker.on('exit', () => {
      if (slot.worker === worker) this.onExit(slot);
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.running) continue;
      const next = this.nextFor(slot);
      if (!next) continue;
      this.dequeue(next);
      this.start(slot, next);
    }
  }

  // The oldest call the slot may take of the tenant with the fewest calls running, and of those the one
  // started least recently (the queue is in arrival order: the first found of each tenant is its oldest).
  private nextFor(slot: WorkerSlot): PendingJob | undefined {
    let best: PendingJob | undefined;
    let bestRank: [number, number] = [Infinity, Infinity];
    for (const pending of this.queue) {
      if (slot.smallCallsOnly && pending.job.bytes > this.options.smallCallBytes) continue;
      const { tenant } = pending.job;
      const rank: [number, number] = [this.runningOf(tenant), this.lastStarted.get(tenant) ?? 0];
      if (rank[0] < bestRank[0] || (rank[0] === bestRank[0] && rank[1] < bestRank[1]))
        [best, bestRank] = [pending, rank];
    }
    return best;
  }

  private runningOf(tenant: string): number {
    return this.slots.filter((slot) => slot.running?.job.tenant === tenant).length;
  }

  private queuedBytesOf(tenant: string): number {
    return this.queue.reduce((sum, p) => (p.job.tenant === tenant ? sum + p.job.bytes : sum), 0);
  }

  private enqueue(pending: PendingJob): void {
    this.queue.push(pending);
    this.queuedBytes += pending.job.bytes;
  }

  private dequeue(pending: PendingJob): void {
    this.queue.splice(this.queue.indexOf(pending), 1);
    this.queuedBytes -= pending.job.bytes;
  }

  private start(slot: WorkerSlot, pending: PendingJob): void {
    // Forgetting every tenant now and then keeps the map bounded; it only resets who was served last.
    if (this.lastStarted.size > 10_000) this.lastStarted.clear();
    this.lastStarted.set(pending.job.tenant, ++this.starts);
    slot.running = pending;
    pending.slot = slot;
    pending.startedAt = performance.now();
    const { policyKey, policy, texts } = pending.job;
    slot.worker?.postMessage({ id: pending.id, policyKey, policy, texts } satisfies ScanTaskMessage);
  }

  private onMessage(slot: WorkerSlot, message: WorkerMessage): void {
    if (message.kind === 'ready') {
      slot.ready = slot.everReady = true;
      this.dispatch();
      return;
    }
    const pending = slot.running;
    if (!pending || pending.id !== message.id) return;
    slot.running = null;
    if (message.kind === 'result') {
      const queuedMs = (pending.startedAt ?? pending.enqueuedAt) - pending.enqueuedAt;
      this.settle(pending, { result: message.result, queuedMs, scanMs: message.scanMs });
    } else {
      if (message.frames) this.logger.error(`${message.message}\n${message.frames}`);
      this.settle(pending, new ScanException(message.code, message.message));
    }
    this.dispatch();
  }

  private onDeadline(pending: PendingJob): void {
    const slot = pending.slot;
    if (slot) {
      // The worker is inside a synchronous detector: only terminating it stops the work.
      slot.running = null;
      slot.ready = false;
      void slot.worker?.terminate();
    } else {
      this.dequeue(pending);
    }
    this.settle(pending, deadlineExceeded());
  }

  private onExit(slot: WorkerSlot): void {
    slot.ready = false;
    if (slot.running)
      this.settle(slot.running, new ScanException('detector_failed', 'the detection worker stopped'));
    slot.running = null;
    if (this.closed) return;
    setTimeout(
      () => {
        if (!this.closed) this.spawn(slot);
      },
      slot.everReady ? 0 : RESTART_AFTER_FAILED_START_MS,
    );
  }

  private settle(pending: PendingJob, outcome: ScanJobDone | ScanException): void {
    clearTimeout(pending.timer);
    if (outcome instanceof ScanException) pending.reject(outcome);
    else pending.resolve(outcome);
  }
}

function deadlineExceeded(): ScanException {
  return new ScanException('deadline_exceeded', 'the scan did not finish within deadlineMs');
}
