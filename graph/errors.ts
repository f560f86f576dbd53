/**
 * Murmur graph errors
 * ===================
 *
 * One error type for the whole library. `code` is a string literal so the
 * server can map it to an API error in one place; messages start with the
 * module path, in the style of graphology.
 */

export type GraphErrorCode =
  | 'invalid-input'
  | 'node-out-of-range'
  | 'length-mismatch'
  | 'invalid-weight'
  | 'invalid-option'
  | 'aborted';

export class GraphError extends Error {
  readonly code: GraphErrorCode;

  constructor(code: GraphErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GraphError';
    this.code = code;
  }
}

/** Throws `GraphError('aborted')` when the signal has fired; called between work chunks. */
export function throwIfAborted(signal: AbortSignal | undefined, where: string): void {
  if (signal?.aborted) {
    throw new GraphError('aborted', `murmur/graph/${where}: aborted`, { cause: signal.reason });
  }
}

/** Validates that `node` is an integer index into a graph of `nodeCount` nodes. */
export function assertNode(node: number, nodeCount: number, where: string): void {
  if (!Number.isInteger(node) || node < 0 || node >= nodeCount) {
    throw new GraphError(
      'node-out-of-range',
      `murmur/graph/${where}: unknown node ${node} (expected an integer in 0..${nodeCount - 1})`,
    );
  }
}
