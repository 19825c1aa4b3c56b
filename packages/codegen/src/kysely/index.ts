export { kyselyGenerator } from './kysely-generator.js';
export { generateKysely, kyselyTableKey } from './generate-kysely.js';
