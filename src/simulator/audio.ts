/**
 * Recording audio made on the fly: a quiet tone as 8 kHz 16-bit mono PCM WAV, and silent
 * MPEG-1 Layer III frames as MP3. Both are real files any player opens; no codec is needed.
 */
const WAV_SAMPLE_RATE = 8_000;
const TONE_HZ = 440;
const TONE_AMPLITUDE = 2_000; // about -24 dBFS: audible, not loud
const MAX_AUDIO_SECONDS = 30; // recordings can run for hours; the served file need not

function clampSeconds(seconds: number): number {
  return Math.min(MAX_AUDIO_SECONDS, Math.max(1, seconds));
}

export function makeWav(seconds: number): Buffer {
  const samples = Math.round(clampSeconds(seconds) * WAV_SAMPLE_RATE);
  const dataBytes = samples * 2;
  const file = Buffer.alloc(44 + dataBytes);
  file.write('RIFF', 0, 'ascii');
  file.writeUInt32LE(36 + dataBytes, 4);
  file.write('WAVE', 8, 'ascii');
  file.write('fmt ', 12, 'ascii');
  file.writeUInt32LE(16, 16); // fmt chunk size
  file.writeUInt16LE(1, 20); // PCM
  file.writeUInt16LE(1, 22); // mono
  file.writeUInt32LE(WAV_SAMPLE_RATE, 24);
  file.writeUInt32LE(WAV_SAMPLE_RATE * 2, 28); // byte rate
  file.writeUInt16LE(2, 32); // block align
  file.writeUInt16LE(16, 34); // bits per sample
  file.write('data', 36, 'ascii');
  file.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples; i += 1) {
    file.writeInt16LE(Math.round(TONE_AMPLITUDE * Math.sin((2 * Math.PI * TONE_HZ * i) / WAV_SAMPLE_RATE)), 44 + i * 2);
  }
  return file;
}

// MPEG-1 Layer III, no CRC (FF FB); 32 kbit/s, 48 kHz, no padding (0x14); mono (0xC0).
// Frame length = 144 * 32000 / 48000 = 96 bytes; 1152 samples = 24 ms. An all-zero side
// info (17 bytes for mono) and main data decode as silence.
const MP3_FRAME_HEADER = Buffer.from([0xff, 0xfb, 0x14, 0xc0]);
const MP3_FRAME_BYTES = 96;
const MP3_FRAME_SECONDS = 1152 / 48_000;

export function makeMp3(seconds: number): Buffer {
  const frames = Math.ceil(clampSeconds(seconds) / MP3_FRAME_SECONDS);
  const file = Buffer.alloc(frames * MP3_FRAME_BYTES);
  for (let i = 0; i < frames; i += 1) MP3_FRAME_HEADER.copy(file, i * MP3_FRAME_BYTES);
  return file;
}

/** Seconds of audio in a PCM WAV (from its header), or null when the bytes are not one. */
export function wavDurationSeconds(bytes: Buffer): number | null {
  if (bytes.length < 44 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE')
    return null;
  let offset = 12;
  let byteRate = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 16 <= bytes.length) byteRate = bytes.readUInt32LE(offset + 16);
    if (id === 'data') return byteRate > 0 ? Math.min(size, bytes.length - offset - 8) / byteRate : null;
    offset += 8 + size + (size % 2);
  }
  return null;
}
