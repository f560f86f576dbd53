export * from './accounts.ts';
export * from './contacts.ts';
