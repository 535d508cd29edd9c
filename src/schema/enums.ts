import { AUDIO_TYPES, STOP_MODES, TARGET_LEGS } from '../telnyx/values';
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
    if (config[graphqlName]) throw new Error(`${name}: ${value} and ${config[graphqlName].value} share the name ${graphqlName}`);
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
