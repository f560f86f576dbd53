import { action } from '@solidjs/router';
import { trpc } from '../lib/trpc.ts';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export const requestReset = action(
  async (form: FormData) => trpc.auth.requestPasswordReset.mutate({ email: String(form.get('email') ?? '') }),
  'requestReset',
);

export const resetPassword = action(async (token: string, form: FormData) => {
  const password = String(form.get('password') ?? '');
  if (password !== String(form.get('confirm') ?? ''))
    throw new Error('The two passwords differ: type the same one twice.');
  return trpc.auth.resetPassword.mutate({ token, password });
}, 'resetPassword');
