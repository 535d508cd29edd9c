import { describe, expect, it } from 'vitest';
import { environmentSchema } from '../../src/config';
import { readDocument } from './markdown';

describe('docs/operations.md', () => {
  const operations = readDocument('docs/operations.md');
  const variables = Object.keys(environmentSchema.shape);

  it('reads the variables from the config schema', () => {
    expect(variables).toContain('PORT');
    expect(variables).toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
  });

  it.each(variables)('documents %s', (variable) => {
    expect(operations, `${variable} is read by src/config.ts but not documented in docs/operations.md`).toContain(
      `\`${variable}\``,
    );
  });
});
