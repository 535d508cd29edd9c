import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schema } from './src/graphql/schema/index';

/**
 * The schema is code-first (Pothos): the SDL is printed from it, committed in schema/, and the
 * operations the tests and the console send are typed against it. CI fails when any is stale.
 */
const clientConfig = {
  useTypeImports: true,
  enumsAsTypes: true,
  scalars: { DateTime: 'string', Loop: 'number | "infinity"' },
};

const config: CodegenConfig = {
  schema: printSchema(schema),
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: true } },
    'test/generated/': {
      documents: ['test/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: clientConfig,
    },
    'console/src/generated/': {
      documents: ['console/src/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: clientConfig,
    },
  },
  ignoreNoDocuments: true,
};

export default config;
