/** Inputs shared by sign-in, setup, invitations and the CLI, validated once at the boundary. */
import { z } from 'zod';
import { roles } from '../db/schema/index.ts';
import { hasUnsafeText } from '../lib/safe-text.ts';
import { minPasswordLength } from './password.ts';

const storable = (text: string) => !hasUnsafeText(text);

export const emailSchema = z
  .email('Enter a valid email address.')
  .max(320)
  .refine(storable, 'Remove the invisible control characters.')
  .transform((e) => e.trim().toLowerCase());

export const passwordSchema = z
  .string()
  .min(minPasswordLength, `Use at least ${minPasswordLength} characters.`)
  .max(200, 'Use at most 200 characters.')
  .refine(storable, 'Remove the invisible control characters.');

/** A password being checked rather than chosen: any length an old rule may have allowed. */
export const currentPasswordSchema = z.string().min(1, 'Enter your password.').max(200);

export const personNameSchema = z
  .string()
  .trim()
  .max(200)
  .refine(storable, 'Remove the invisible control characters.');

export const roleSchema = z.enum(roles);

export const invitationTokenSchema = z
  .string()
  .trim()
  .regex(/^mmi_[A-Za-z0-9_-]{20,100}$/, 'This invitation link is not valid.');
