// Object and input types, custom scalars and list-element nullability (imports without extension).
import { Access, type Account, type AccountFilter, type AccountInsert, type AccountPage } from './ts/index';

const account: Account = {
  id: '9007199254740993', seq: 1, email: 'a@example.com', balance: '12.50', nicknames: ['al', null],
  access: [Access.READ], meta: { a: [1, 2] }, emailKey: null, openedOn: '2026-01-01',
};
const page: AccountPage = { items: [account], cursor: null, slots: [account, null] };
const filter: AccountFilter = { access: 'WRITE', and: [{ access: Access.READ, email: null }] };
const insert: AccountInsert = { email: 'b@example.com', nicknames: [], access: [] };

export { page, filter, insert };
