// expected: TS2322
import type { MemberInsert } from './ts/index.js';

export const insert: MemberInsert = { workspaceId: 'w', email: null };
