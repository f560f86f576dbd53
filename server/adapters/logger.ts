import pino, { type DestinationStream, type Logger } from 'pino';
import { serializeError } from '../lib/error-text.ts';
import { currentRequestId } from '../lib/request-id.ts';

/**
 * JSON logs on stdout (or `destination`). Secrets are redacted by key wherever they appear;
 * errors go through one serializer that drops bound query parameters (see lib/error-text.ts);
 * a line written while serving a request carries its `requestId`.
 */
export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'murmur' },
    serializers: { err: serializeError },
    mixin() {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    redact: {
      paths: [
        'password',
        '*.password',
        'secret',
        '*.secret',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'cookie',
        '*.cookie',
        'smtpPassword',
        '*.smtpPassword',
        'params',
        '*.params',
        'parameters',
        '*.parameters',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
