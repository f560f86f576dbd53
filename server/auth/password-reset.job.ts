/**
 * The reset mail goes out from a background job, not from the request: "Forgot password?" is
 * public, and a request that looked the account up and talked to an SMTP server took visibly
 * longer for an address that has an account than for one that has none, which told anyone
 * which addresses do. The request now only queues the address and answers the same way, in the
 * same time, for every address. The job looks the account up, writes the link and sends it,
 * and a failed send is retried (its link removed first, so it counts for nothing).
 */
import type { Queue } from '../jobs/queue.ts';
import { defineJob } from '../jobs/registry.ts';
import { requestPasswordReset } from './password-reset.service.ts';
import { publicBaseUrl } from './public-base-url.ts';

export const passwordResetJobName = 'password-reset-mail';

export type PasswordResetData = { email: string };

/** At most one waiting per address: a flood of requests for one address queues one job. */
export async function enqueuePasswordReset(queue: Queue, email: string) {
  await queue.send(
    passwordResetJobName,
    { email },
    { singletonKey: email, retryLimit: 3, retryDelay: 30, retryBackoff: true },
  );
}

export const passwordResetJob = defineJob<PasswordResetData>({
  name: passwordResetJobName,
  policy: 'short',
  async run(data, deps) {
    const now = new Date(deps.clock?.now() ?? Date.now());
    const deliveries = {
      db: deps.database.db,
      secret: deps.config.sessionSecret,
      config: deps.config,
      baseUrl: publicBaseUrl(deps.config),
    };
    const outcome = await requestPasswordReset(deliveries, data.email, now);
    if (outcome === 'failed') throw new Error('The reset mail could not be sent; it will be tried again.');
  },
});
