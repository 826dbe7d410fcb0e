// Entry of a detection worker thread (bundled as scan.worker.js next to main.js).
import { parentPort, workerData } from 'node:worker_threads';
import { createScanTaskHandler, warmUp } from './scan-task.handler';
import type { ScanTaskMessage, ScanWorkerData, WorkerMessage } from './scan-task';

const port = parentPort;
if (!port) throw new Error('scan.worker must run in a worker thread');
const handle = createScanTaskHandler((workerData as ScanWorkerData).policyCacheSize);
warmUp();
port.on('message', (task: ScanTaskMessage) => port.postMessage(handle(task)));
port.postMessage({ kind: 'ready' } satisfies WorkerMessage);
