// expected: TS2741
import type { TaskInsert } from './ts/index.js';

export const insert: TaskInsert = { workspaceId: 'w' };
