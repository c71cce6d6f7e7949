// Bounds on one request: body size, depth, aliases, tokens and directives (GraphQL Armor rules), a cost
// limit tuned to this schema (cost.ts),
// field suggestions off in production, introspection as configured. Violations answer LIMIT_EXCEEDED.
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
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

/**
 * Refuses bodies over the limit before they are read: 413 with a coded JSON error; chunked POSTs need a length.
 *
 * This replaces graphql-yoga's own body-size limit (`maxRequestBodySize: false` in app.ts), which pipes every body
 * through a counting stream whatever its Content-Length. Over HTTP a POST body is either declared by a Content-Length
 * (checked here; Node's parser never delivers more than the declared bytes) or chunked (refused here), so nothing
 * is left to count. Only an in-process caller (`app.fetch(new Request(…))`) can hand over a body without a length:
 * that one is read here up to the limit and refused past it.
 */
export function bodyLimit(maxBytes: number): Plugin {
  const refuse = (status: number, message: string) =>
    new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'LIMIT_EXCEEDED', maxBodyBytes: maxBytes } }] }), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  const tooLarge = () => `The request body is larger than ${maxBytes} bytes.`;
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST') return;
      const length = request.headers.get('content-length');
      if (length === null) {
        if (request.headers.get('transfer-encoding')) endResponse(refuse(411, 'Send the request body with a Content-Length header.'));
        return;
      }
      if (!/^\d+$/.test(length) || Number(length) > maxBytes) endResponse(refuse(413, tooLarge()));
    },
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (request.headers.get('content-length') !== null || request.body == null || !requestParser) return;
      setRequestParser(async (req) => {
        const body = await readAtMost(req, maxBytes);
        if (body === null) {
          throw new GraphQLError(tooLarge(), { extensions: { code: 'LIMIT_EXCEEDED', maxBodyBytes: maxBytes, http: { status: 413 } } });
        }
        return requestParser(new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, body }));
      });
    },
  };
}

/** The body's bytes, or null as soon as they pass `maxBytes` (the rest is not read). */
async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = request.body!.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
