import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  // A copy of the gateway's schema/schema.graphql, or its URL while it runs: http://127.0.0.1:4000/graphql
  schema: 'schema.graphql',
  documents: ['src/**/*.graphql'],
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Loop: 'number | "infinity"' },
      },
    },
  },
};

export default config;
