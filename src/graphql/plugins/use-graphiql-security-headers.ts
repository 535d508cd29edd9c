import type { Plugin } from 'graphql-yoga';
import { graphiqlSecurityHeaders } from '../http-policy';

/** Adds graphiqlSecurityHeaders to the HTML page Yoga renders for GraphiQL. */
export function useGraphiqlSecurityHeaders(): Plugin {
  return {
    onResponse({ response }) {
      if (!response.headers.get('content-type')?.startsWith('text/html')) return;
      for (const [name, value] of Object.entries(graphiqlSecurityHeaders)) response.headers.set(name, value);
    },
  };
}
