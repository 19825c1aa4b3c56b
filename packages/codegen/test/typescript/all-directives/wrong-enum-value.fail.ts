// expected: TS2322
import type { Role } from './ts/index.js';

export const role: Role = 'ADMIN';
