import { customType, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './accounts.ts';
import { niches } from './niches.ts';

export type UploadOptions = { mutual?: boolean; accountsIdColumn?: string; delimiter?: string };

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** An uploaded graph file waiting for (or done with) import; kept in the database so any worker can read it. */
export const uploads = pgTable('uploads', {
  id: uuid().primaryKey().defaultRandom(),
  workspaceId: uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  nicheId: uuid()
    .notNull()
    .references(() => niches.id, { onDelete: 'cascade' }),
  filename: text().notNull(),
  format: text({ enum: ['csv', 'gexf', 'graphml'] }).notNull(),
  /** Unused since files go to upload_chunks; kept (empty) so the migration drops no data. */
  edges: bytea(),
  accounts: bytea(),
  /** 'receiving' while the file streams into upload_chunks; 'running' while a worker holds the lease. */
  status: text({ enum: ['receiving', 'pending', 'running', 'done', 'failed'] })
    .notNull()
    .default('pending'),
  /** How to read the files: mutual ties as two follows, which accounts column holds node ids. */
  options: jsonb().$type<UploadOptions>().notNull().default({}),
  progress: jsonb().$type<{ accounts: number; edges: number; phase: string }>(),
  error: text(),
  /** Something the user should know about a finished import, e.g. the file was not UTF-8. */
  warning: text(),
  /** Until when the worker running it is known to be alive; after that, anyone may take it over. */
  leaseUntil: timestamp({ withTimezone: true }),
  /** Runs started: an import that keeps dying (out of memory) is failed instead of retried forever. */
  attempts: integer().notNull().default(0),
  createdAt: createdAt(),
});

/**
 * An upload's files in pieces of about 1 MiB, so neither the upload nor the import ever holds a
 * whole file in memory, and any worker on any machine can read it. Deleted once imported.
 */
export const uploadChunks = pgTable(
  'upload_chunks',
  {
    uploadId: uuid()
      .notNull()
      .references(() => uploads.id, { onDelete: 'cascade' }),
    part: text({ enum: ['edges', 'accounts'] }).notNull(),
    seq: integer().notNull(),
    data: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.part, t.seq] })],
);
