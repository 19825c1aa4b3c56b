// expected: TS2561 ("did you mean 'workspaceId'?": the relation field is not a column)
import type { MemberUpdate } from './ts/index.js';

export const update: MemberUpdate = { workspace: null };
