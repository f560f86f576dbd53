/**
 * Worker-thread entry: parses one upload off the main thread, so a hostile or huge file never
 * stops the server answering. It asks the main thread for the file a chunk at a time (only the
 * main thread holds the database: on PGlite there is one connection), and sends the graph back.
 */
import { parentPort } from 'node:worker_threads';
import { parseUploadStream, type UploadPart, type UploadSpec } from './parse-upload.ts';

export type ParseRequest = { type: 'start'; spec: UploadSpec } | { type: 'chunk'; bytes: Uint8Array | null };
export type ParseMessage =
  | { type: 'read'; part: UploadPart; seq: number }
  | {
      type: 'done';
      graph: import('../graph-files/imported-graph.ts').ImportedGraph;
      warning: string | null;
    }
  | { type: 'failed'; message: string; name: string };

const port = parentPort;
let waiting: ((bytes: Uint8Array | null) => void) | null = null;

const send = (message: ParseMessage, transfer: ArrayBuffer[] = []) => port?.postMessage(message, transfer);

port?.on('message', (request: ParseRequest) => {
  if (request.type === 'chunk') {
    const resolve = waiting;
    waiting = null;
    resolve?.(request.bytes);
    return;
  }
  const read = (part: UploadPart, seq: number) =>
    new Promise<Uint8Array | null>((resolve) => {
      waiting = resolve;
      send({ type: 'read', part, seq });
    });
  parseUploadStream(request.spec, read).then(
    ({ graph, warning }) => {
      const { from, to } = graph.edges;
      send({ type: 'done', graph, warning }, [...new Set([from.buffer, to.buffer])] as ArrayBuffer[]);
    },
    (error: Error) => send({ type: 'failed', message: error.message, name: error.name }),
  );
});
