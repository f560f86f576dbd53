// Worker threads start as plain Node: teach this one TypeScript, then load the real worker.
import { register } from 'tsx/esm/api';

register();
await import('./plan.worker.ts');
