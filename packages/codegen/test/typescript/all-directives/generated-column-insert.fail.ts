// expected: TS2353
import type { TaskInsert } from './ts/index.js';

export const insert: TaskInsert = { workspaceId: 'w', title: 'x', searchVector: 'x' };
