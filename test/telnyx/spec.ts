import { readFileSync } from 'node:fs';

/**
 * The Telnyx OpenAPI extract the gateway is built against (team-telnyx/openapi `spec3.yml` at
 * 12de4dd, 2026-07-16), pinned beside the tests so they check coverage from a clean clone.
 */
interface SchemaObject {
  properties?: Record<string, SchemaObject & { $ref?: string }>;
  required?: string[];
  enum?: (string | null)[];
  $ref?: string;
  oneOf?: SchemaObject[];
  discriminator?: { propertyName: string; mapping: Record<string, string> };
}

const spec = JSON.parse(readFileSync(new URL('./openapi-subset.json', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, SchemaObject> };
};

export function specSchema(name: string): SchemaObject {
  const schema = spec.components.schemas[name];
  if (!schema) throw new Error(`no schema ${name} in the spec`);
  return schema;
}

export function specProperties(name: string): string[] {
  return Object.keys(specSchema(name).properties ?? {}).sort();
}

/** A property's enum, following a `$ref`; nulls dropped. */
export function specEnum(schemaName: string, property: string): string[] {
  let prop: SchemaObject | undefined = specSchema(schemaName).properties?.[property];
  if (prop?.$ref) prop = specSchema(prop.$ref.split('/').pop()!);
  if (!prop?.enum) throw new Error(`${schemaName}.${property} has no enum`);
  return prop.enum.filter((value): value is string => value !== null);
}

/** `voice_settings` providers: discriminator value → settings schema name. */
export function voiceSettingsProviders(): Record<string, string> {
  const mapping = specSchema('SpeakRequest').properties?.voice_settings?.discriminator?.mapping ?? {};
  return Object.fromEntries(Object.entries(mapping).map(([type, ref]) => [type, ref.split('/').pop()!]));
}
