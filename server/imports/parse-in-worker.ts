import { Worker } from 'node:worker_threads';
import { ImportError } from '../graph-files/import.errors.ts';
import type { ImportedGraph } from '../graph-files/imported-graph.ts';
import type { ParseMessage, ParseRequest } from './parse.worker.ts';
import type { ParsedUpload, PartReader, UploadSpec } from './parse-upload.ts';

const workerUrl = new URL('./parse.worker-entry.js', import.meta.url);

/**
 * Parses an upload in a worker thread: CSV and XML parsing is CPU work that would otherwise
 * stop every request while it runs. The worker pulls chunks through `read` one at a time, so
 * at most one chunk is in flight whatever the file's size.
 */
export function parseInWorker(spec: UploadSpec, read: PartReader): Promise<ParsedUpload> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl);
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    const post = (message: ParseRequest) => worker.postMessage(message);
    worker.on('message', (message: ParseMessage) => {
      if (message.type === 'read') {
        read(message.part, message.seq).then(
          (bytes) => post({ type: 'chunk', bytes }),
          (error) => finish(() => reject(error)),
        );
      } else if (message.type === 'done') {
        finish(() => resolve({ graph: message.graph as ImportedGraph, warning: message.warning }));
      } else {
        // Errors lose their class crossing threads; importer errors are the user's file.
        const error =
          message.name === 'ImportError'
            ? new ImportError('parse_error', message.message)
            : new Error(message.message);
        finish(() => reject(error));
      }
    });
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`import worker exited with code ${code}`))));
    post({ type: 'start', spec });
  });
}
