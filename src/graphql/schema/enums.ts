import { AUDIO_TYPES, STOP_MODES, TARGET_LEGS } from '../../telnyx/values';
import { builder } from './builder';

/**
 * GraphQL enum names for Telnyx values: upper-cased, every other character `_`
 * (`deepgram/nova-3` → `DEEPGRAM_NOVA_3`, `en-US` → `EN_US`). A GraphQL name cannot start with a
 * digit, so such values take a prefix (`8000` → `HZ_8000` for sample rates).
 */
export function telnyxEnumName(value: string, digitPrefix = 'V'): string {
  const name = value.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return /^[0-9]/.test(name) ? `${digitPrefix}_${name}` : name;
}

/**
 * A GraphQL enum whose internal values are the Telnyx strings themselves, so resolvers pass them
 * to Telnyx unchanged and only the schema knows the GraphQL spelling.
 */
export function telnyxEnum<const Values extends readonly string[]>(
  name: string,
  values: Values,
  options: { description: string; digitPrefix?: string; describe?: (value: Values[number]) => string },
) {
  const config: Record<string, { value: Values[number]; description: string }> = {};
  for (const value of values) {
    const graphqlName = telnyxEnumName(value, options.digitPrefix);
    if (config[graphqlName])
      throw new Error(`${name}: ${value} and ${config[graphqlName].value} share the name ${graphqlName}`);
    config[graphqlName] = { value, description: options.describe?.(value) ?? `Telnyx \`${value}\`` };
  }
  return builder.enumType(name, { description: options.description, values: config });
}

export const AudioType = telnyxEnum('AudioType', AUDIO_TYPES, {
  description: 'Format of the audio given in `audioUrl` or `playbackContent` (Telnyx default `mp3`).',
});

export const StopAudio = telnyxEnum('StopAudio', STOP_MODES, {
  description: 'What to stop: `CURRENT` skips to the next queued audio; `ALL` also clears the queue.',
});

export const TargetLegs = telnyxEnum('TargetLegs', TARGET_LEGS, {
  description: 'Which leg(s) of the call hear the audio (Telnyx default `self`).',
});

/** The internal value of `OTHER` in a status enum: no Telnyx value looks like it. */
const OTHER_STATUS = '(other)';

/**
 * An output-only enum for a Telnyx status whose values Telnyx documents, plus `OTHER` for a value
 * newer than this schema: a client can switch over the enum, and a value Telnyx adds later is not
 * a field error (which would null the whole event) but `OTHER`, with the Telnyx spelling kept in
 * the field `telnyxStatus` beside it.
 */
export function telnyxStatusEnum<const Values extends readonly string[]>(
  name: string,
  values: Values,
  description: string,
) {
  const config: Record<string, { value: string; description: string }> = {};
  for (const value of values) config[telnyxEnumName(value)] = { value, description: `Telnyx \`${value}\`` };
  config.OTHER = {
    value: OTHER_STATUS,
    description: 'A value newer than this schema: `telnyxStatus` has it as Telnyx sent it.',
  };
  const known = new Set<string>(values);
  const ref = builder.enumType(name, {
    description: `${description} \`OTHER\` stands for a value Telnyx added later.`,
    values: config,
  });
  return {
    ref,
    /** The enum's internal value for what Telnyx sent: itself when known, else `OTHER`'s; null stays null. */
    fromTelnyx: (value: string | null | undefined): string | null =>
      value == null ? null : known.has(value) ? value : OTHER_STATUS,
  };
}

/** The value when it is one of `values` (an input enum this output shares), else null: outputs never fail on a new Telnyx value. */
export function knownOrNull<const Values extends readonly string[]>(
  values: Values,
  value: string | null | undefined,
): Values[number] | null {
  return value != null && (values as readonly string[]).includes(value) ? (value as Values[number]) : null;
}
