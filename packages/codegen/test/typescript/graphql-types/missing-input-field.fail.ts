// expected: TS2741
import type { AccountFilter } from './ts/index';

export const filter: AccountFilter = { email: 'a@example.com' };
