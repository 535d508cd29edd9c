import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schema } from './src/schema/index';

/**
 * The schema is code-first (Pothos): the SDL is printed from it, committed in schema/, and the
 * operations the tests send are typed against it. CI fails when either is stale.
 */
const config: CodegenConfig = {
  schema: printSchema(schema),
  documents: ['test/operations/**/*.graphql'],
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: true } },
    'test/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', Loop: 'number | "infinity"' } },
    },
  },
  ignoreNoDocuments: true,
};

export default config;
