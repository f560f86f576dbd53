import { defineJob } from '../jobs/registry.ts';
import { failScoring, type ScoreTarget, scoreJobName, scoreNicheNow } from './scoring.service.ts';

export type ScoreJobData = ScoreTarget;

export const scoreJob = defineJob<ScoreJobData>({
  name: scoreJobName,
  policy: 'short',
  options: { pollingIntervalSeconds: 1 },
  async run(data, deps) {
    await scoreNicheNow(deps.database.db, data);
  },
  async failed(data, deps, message) {
    await failScoring(deps.database.db, data, message);
  },
});
