// expected: TS2353
import type { LabelInsert } from './ts/index.js';

export const insert: LabelInsert = { id: 1, workspaceId: 'w', name: 'bug' };
