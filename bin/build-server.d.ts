export const serverEntryUrl: string;
export function serverBuildIsStale(): boolean;
export function buildServer(): Promise<void>;
