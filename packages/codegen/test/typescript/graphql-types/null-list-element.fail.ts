// expected: TS2322
import type { AccountInsert } from './ts/index';

export const insert: AccountInsert = { email: 'b@example.com', nicknames: [], access: [null] };
