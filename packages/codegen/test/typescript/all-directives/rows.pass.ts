// Full rows, enum const values, and inserts and updates with only the required fields.
import { Plan, Region, Role, type JsonValue, type Member, type MemberInsert, type Task, type TaskInsert, type TaskUpdate, type Workspace } from './ts/index.js';
import type { LabelInsert, StageInsert, WorkspaceUpdate } from './ts/index.js';

const settings: JsonValue = { theme: 'dark', beta: true, nested: [1, null, { deep: ['x'] }] };

const workspace: Workspace = {
  id: '7d3c',
  slug: 'acme',
  displayName: 'Acme',
  plan: Plan.PRO,
  settings,
  ownerId: null,
  createdAt: '2026-01-01T00:00:00+00:00',
  owner: null,
  members: [],
};

const member: Member = {
  id: 'm1',
  workspaceId: workspace.id,
  email: 'a@example.com',
  handle: null,
  role: Role.OWNER,
  inviteToken: null,
  deletedAt: null,
  updatedAt: '2026-01-01T00:00:00Z',
  workspace,
  ownedWorkspace: workspace,
};
workspace.members.push(member);

const task: Task = {
  id: 't1', workspaceId: 'w', stageId: 1, assigneeId: null, title: 'Ship', body: null, searchVector: null, done: false,
  estimateHours: 1.5, tags: ['a'], completedAt: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
  stage: { id: 1, name: 'todo', position: 0 }, labels: [], spec: null,
};

const memberInsert: MemberInsert = { workspaceId: 'w', email: 'b@example.com' };
const taskInsert: TaskInsert = { workspaceId: 'w', title: 'Write docs' };
const labelInsert: LabelInsert = { workspaceId: 'w', name: 'bug' };
const stageInsert: StageInsert = { name: 'done' };
const stageWithId: StageInsert = { id: 7, name: 'later' };
const taskUpdate: TaskUpdate = { body: null, done: true };
const workspaceUpdate: WorkspaceUpdate = {};
const role: Role = 'MEMBER';
const region: Region = Region.APAC;
const roles: Role[] = Object.values(Role);

// @ts-expect-error: a non-null column takes no null
const badUpdate: TaskUpdate = { title: null };

export { task, memberInsert, taskInsert, labelInsert, stageInsert, stageWithId, taskUpdate, workspaceUpdate, role, region, roles, badUpdate };
