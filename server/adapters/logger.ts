import pino, { type Logger } from 'pino';

/** JSON logs on stdout. Secrets are redacted by key wherever they appear. */
export function createLogger(level: string = 'info'): Logger {
  return pino({
    level,
    base: { service: 'murmur' },
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
      ],
      censor: '[redacted]',
    },
  });
}
