/** Pipeline stages: a workspace's ordered columns, shared by all its campaigns. */
import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './accounts.ts';

export const stageKinds = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof stageKinds)[number];

/** A pipeline column, per workspace; `committed` stages count their fees against the budget. */
export const stages = pgTable(
  'stages',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    kind: text({ enum: stageKinds }).notNull().default('open'),
    committed: boolean().notNull().default(false),
    position: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('stages_workspace_name_unique').on(t.workspaceId, sql`lower(${t.name})`)],
);

export type Stage = typeof stages.$inferSelect;
