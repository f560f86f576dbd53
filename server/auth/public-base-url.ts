import type { Config } from '../config.ts';

/** Where links point: PUBLIC_URL, else the address the server listens on. */
export function publicBaseUrl(config: Config | undefined): string {
  if (config?.publicUrl) return config.publicUrl.replace(/\/$/, '');
  if (config) return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  return 'http://localhost:3000';
}
