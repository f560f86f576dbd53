export * from './accounts.ts';
export * from './audit.ts';
export * from './campaigns.ts';
export * from './contacts.ts';
export * from './discover.ts';
