import type { Role } from '../db/schema/index.ts';

/** Who is calling: a signed-in session or an API key, and where they act. */
export type Auth = {
  user: { id: string; email: string; name: string };
  /** The workspace this request acts in; null only for a user left without any. */
  workspaceId: string | null;
  role: Role | null;
  via: 'session' | 'apiKey';
  sessionId?: string;
  apiKeyId?: string;
};
