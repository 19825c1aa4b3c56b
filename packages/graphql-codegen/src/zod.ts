// The Zod plugin, for `plugins: ['@wesley/graphql-codegen/zod']` in a codegen.ts.
import { zodGenerator } from '@wesley/codegen';
import { createWesleyPlugin } from './wesley-plugin.js';

/** Wesley's Zod generator as a GraphQL Code Generator plugin. */
export const zodPlugin = createWesleyPlugin(zodGenerator);

/** The plugin function GraphQL Code Generator calls. */
export const plugin = zodPlugin.plugin;

/** Checks the output file before GraphQL Code Generator runs the plugin. */
export const validate = zodPlugin.validate;
