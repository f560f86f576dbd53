import { defineJob } from '../jobs/registry.ts';
import { importJobName, runImport } from './import.service.ts';

export const importJob = defineJob<{ uploadId: string }>({
  name: importJobName,
  options: { pollingIntervalSeconds: 1 },
  async run(data, deps) {
    await runImport(deps.database, deps.queue, data.uploadId);
  },
});
