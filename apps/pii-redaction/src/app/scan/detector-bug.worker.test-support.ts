// A detection worker with a bug, for the tests: it throws out of its message handler for the text
// "throw inside the worker" (a detector failing as the service sees it) and runs the real handler otherwise.
import { parentPort } from 'node:worker_threads';
import { createScanTaskHandler } from './scan-task.handler';
import type { ScanTaskMessage, WorkerMessage } from './scan-task';

const port = parentPort;
if (!port) throw new Error('must run in a worker thread');
const handle = createScanTaskHandler(8);
port.on('message', (task: ScanTaskMessage) => {
  if (task.texts.includes('throw inside the worker')) throw new Error('detector bug');
  port.postMessage(handle(task));
});
port.postMessage({ kind: 'ready' } satisfies WorkerMessage);
