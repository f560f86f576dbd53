export * from './accounts.ts';
export * from './activities.ts';
export * from './audit.ts';
export * from './campaigns.ts';
export * from './contacts.ts';
export * from './deals.ts';
export * from './discover.ts';
export * from './stages.ts';
