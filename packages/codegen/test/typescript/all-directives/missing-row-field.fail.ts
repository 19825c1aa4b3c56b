// expected: TS2741
import type { Stage } from './ts/index.js';

export const stage: Stage = { id: 1, name: 'todo' };
