// The TypeScript plugin, for `plugins: ['@wesley/graphql-codegen/typescript']` in a codegen.ts.
import { typescriptGenerator } from '@wesley/codegen';
import { createWesleyPlugin } from './wesley-plugin.js';

/** Wesley's TypeScript generator as a GraphQL Code Generator plugin. */
export const typescriptPlugin = createWesleyPlugin(typescriptGenerator);

/** The plugin function GraphQL Code Generator calls. */
export const plugin = typescriptPlugin.plugin;

/** Checks the output file before GraphQL Code Generator runs the plugin. */
export const validate = typescriptPlugin.validate;
