import { compilePolicy, evaluateCompiled, PiiRuleException, type CompiledPolicy } from '@tollgate/pii';
import { LruCache } from './lru-cache';
import { toScanResult } from './scan-result';
import type { ScanTaskMessage, WorkerMessage } from './scan-task';

// Run inside a detection worker: compiles the task's policy once per key, evaluates the texts, and turns any
// error into an answer (a detector's bug fails the call, never the service: BricksLLM crashed here).
export function createScanTaskHandler(policyCacheSize: number): (task: ScanTaskMessage) => WorkerMessage {
  const policies = new LruCache<string, CompiledPolicy>(policyCacheSize);
  return (task) => {
    try {
      const compiled = policies.getOrCreate(task.policyKey, () => compilePolicy(task.policy));
      const started = performance.now();
      const evaluation = evaluateCompiled(compiled, task.texts);
      const result = toScanResult(evaluation, task.texts);
      return { kind: 'result', id: task.id, result, scanMs: performance.now() - started };
    } catch (error) {
      return failureOf(task.id, error);
    }
  };
}

function failureOf(id: number, error: unknown): WorkerMessage {
  if (error instanceof PiiRuleException) {
    // The rule is the admin's own text, not a prompt's: the detail names it.
    return { kind: 'failed', id, code: 'invalid_policy', message: error.detail };
  }
  const name = error instanceof Error ? error.name : typeof error;
  const frames = error instanceof Error ? error.stack?.split('\n').slice(1).join('\n') : undefined;
  return { kind: 'failed', id, code: 'detector_failed', message: `detection failed (${name})`, frames };
}

// Loads compromise's lexicon and compiles the detectors before the worker takes calls (~0.4 s otherwise on the
// first call).
export function warmUp(): void {
  const policy = compilePolicy({ config: { rules: { all: 'allow_but_redact' } } });
  evaluateCompiled(policy, [
    'Priya Natarajan (priya@example.com) paid with 4111 1111 1111 1111 on 3 March 2024.',
  ]);
}
