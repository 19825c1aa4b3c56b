// The Kysely plugin, for `plugins: ['@wesley/graphql-codegen/kysely']` in a codegen.ts.
import { kyselyGenerator } from '@wesley/codegen';
import { createWesleyPlugin } from './wesley-plugin.js';

/** Wesley's Kysely generator as a GraphQL Code Generator plugin. */
export const kyselyPlugin = createWesleyPlugin(kyselyGenerator);

/** The plugin function GraphQL Code Generator calls. */
export const plugin = kyselyPlugin.plugin;

/** Checks the output file before GraphQL Code Generator runs the plugin. */
export const validate = kyselyPlugin.validate;
