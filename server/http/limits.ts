// Bounds on one request: body size, depth, aliases, tokens and directives (GraphQL Armor rules), a cost
// limit tuned to this schema (cost.ts),
// field suggestions off in production, introspection as configured. Violations answer LIMIT_EXCEEDED.
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestLimits } from '../config.ts';
import { costLimit } from './cost.ts';

/** Messages of GraphQL Armor's rejections, which become LIMIT_EXCEEDED. */
export const LIMIT_MESSAGE = /limit of \d+ (?:exceeded|reached)|too many|exceeds the maximum/i;

export function limitPlugins(limits: RequestLimits, options: { introspection: boolean; suggestions: boolean }): Plugin[] {
  const plugins: Plugin[] = [
    maxTokensPlugin({ n: limits.maxTokens }) as Plugin,
    maxDepthPlugin({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true }) as Plugin,
    maxAliasesPlugin({ n: limits.maxAliases, allowList: [] }) as Plugin,
    maxDirectivesPlugin({ n: limits.maxDirectives }) as Plugin,
    costLimit(limits.maxCost),
  ];
  if (!options.suggestions) plugins.push(blockFieldSuggestionsPlugin() as Plugin);
  if (!options.introspection) {
    plugins.push({
      onValidate({ addValidationRule }) {
        addValidationRule(NoSchemaIntrospectionCustomRule);
      },
    });
  }
  return plugins;
}

/** Refuses bodies over the limit before they are read: 413 with a coded JSON error; chunked POSTs need a length. */
export function bodyLimit(maxBytes: number): Plugin {
  const refuse = (status: number, message: string) =>
    new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'LIMIT_EXCEEDED', maxBodyBytes: maxBytes } }] }), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST') return;
      const length = request.headers.get('content-length');
      if (length === null) {
        if (request.headers.get('transfer-encoding')) endResponse(refuse(411, 'Send the request body with a Content-Length header.'));
        return;
      }
      if (!/^\d+$/.test(length) || Number(length) > maxBytes) endResponse(refuse(413, `The request body is larger than ${maxBytes} bytes.`));
    },
  };
}
