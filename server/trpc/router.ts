import { apiKeysRouter } from '../api-keys/api-keys.router.ts';
import { authRouter } from '../auth/auth.router.ts';
import { contactsRouter } from '../contacts/contacts.router.ts';
import { workspacesRouter } from '../workspaces/workspaces.router.ts';
import { router } from './init.ts';

export const appRouter = router({
  auth: authRouter,
  workspaces: workspacesRouter,
  apiKeys: apiKeysRouter,
  contacts: contactsRouter,
});

export type AppRouter = typeof appRouter;
