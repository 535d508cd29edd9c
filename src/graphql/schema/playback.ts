import { z } from 'zod';
import { startPlayback, stopPlayback } from '../../telnyx/actions';
import { builder } from './builder';
import { callActionInputFields, callActionMutation } from './action-payload';
import { AudioType, StopAudio, TargetLegs } from './enums';

export const httpUrlSchema = z.url({ protocol: /^https?$/, hostname: z.regexes.hostname }).max(2048);
/** Base64 audio inline: bounded so one request cannot pin megabytes of memory per call. */
export const PLAYBACK_CONTENT_MAX_LENGTH = 4_000_000;
export const MEDIA_NAME_MAX_LENGTH = 256;

const AUDIO_SOURCES = ['audioUrl', 'mediaName', 'playbackContent'] as const;

/** Rules that span fields: exactly one audio source, and overlay only on the caller's own leg. */
const startPlaybackRules = z.custom<Record<string, unknown>>().superRefine((input, ctx) => {
  const given = AUDIO_SOURCES.filter((field) => input[field] != null);
  if (given.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: [given[1] ?? 'audioUrl'],
      message: `give exactly one of audioUrl, mediaName, playbackContent (got ${given.length === 0 ? 'none' : given.join(', ')})`,
    });
  }
  if (input.overlay === true && input.targetLegs != null && input.targetLegs !== 'self') {
    ctx.addIssue({ code: 'custom', path: ['targetLegs'], message: 'with overlay, targetLegs may only be SELF' });
  }
});

export const StartPlaybackInput = builder.inputType('StartPlaybackInput', {
  description:
    'Telnyx `playback_start`: play audio on the call. Give exactly one of `audioUrl`, `mediaName`, `playbackContent`.',
  validate: startPlaybackRules,
  fields: (t) => ({
    ...callActionInputFields(t),
    audioUrl: t.string({ description: 'http(s) URL of a WAV or MP3 file.', validate: httpUrlSchema }),
    mediaName: t.string({
      description: 'Name of a WAV/MP3 file uploaded to Telnyx media storage.',
      validate: z.string().min(1).max(MEDIA_NAME_MAX_LENGTH),
    }),
    playbackContent: t.string({
      description: 'Base64 of an MP3 or WAV file.',
      // The message belongs to the base64 check alone: given to `z.base64`, zod 4 puts it on the
      // length checks too, and a short non-base64 value got it twice.
      validate: z.string().min(4).max(PLAYBACK_CONTENT_MAX_LENGTH).pipe(z.base64('must be valid base64')),
    }),
    audioType: t.field({ type: AudioType, description: 'Format of the audio (Telnyx default `MP3`).' }),
    loop: t.field({ type: 'Loop', description: 'How many times to play (Telnyx default 1).' }),
    overlay: t.boolean({ description: 'Mix over audio already playing (needs a non-overlay playback running).' }),
    stop: t.field({ type: StopAudio, description: 'Stop what is playing first.' }),
    targetLegs: t.field({ type: TargetLegs, description: 'Which leg(s) hear the audio (Telnyx default `SELF`).' }),
    cacheAudio: t.boolean({ description: 'Cache the file for repeated plays (Telnyx default true).' }),
  }),
});

export const StopPlaybackInput = builder.inputType('StopPlaybackInput', {
  description: 'Telnyx `playback_stop`: stop audio playing on the call.',
  fields: (t) => ({
    ...callActionInputFields(t),
    stop: t.field({
      type: StopAudio,
      description: '`CURRENT` stops the file playing now; `ALL` also clears the queue (default).',
    }),
    overlay: t.boolean({ description: 'Act on the overlay queue instead.' }),
  }),
});

callActionMutation('startPlayback', {
  description:
    'Plays audio on a call (Telnyx `playback_start`). Events: `call.playback.started`, `call.playback.ended`.',
  input: StartPlaybackInput,
  action: startPlayback,
  params: (input) => ({
    audio_url: input.audioUrl ?? undefined,
    media_name: input.mediaName ?? undefined,
    playback_content: input.playbackContent ?? undefined,
    audio_type: input.audioType ?? undefined,
    loop: input.loop ?? undefined,
    overlay: input.overlay ?? undefined,
    stop: input.stop ?? undefined,
    target_legs: input.targetLegs ?? undefined,
    cache_audio: input.cacheAudio ?? undefined,
  }),
});

callActionMutation('stopPlayback', {
  description: 'Stops audio on a call (Telnyx `playback_stop`). Events: `call.playback.ended` or `call.speak.ended`.',
  input: StopPlaybackInput,
  action: stopPlayback,
  params: (input) => ({ stop: input.stop ?? undefined, overlay: input.overlay ?? undefined }),
});
