import { describe, expect, it } from 'vitest';
import { chooseLogFormat } from '../src/lib/log-format';
import { startGatewayProcess } from './support/gateway-process';
import { waitFor } from './support/wait';

describe('the log format start-up chooses', () => {
  it('is pretty only for simulator mode on a terminal; JSON for log shippers everywhere else', () => {
    expect(chooseLogFormat(true, true)).toBe('pretty');
    expect(chooseLogFormat(true, false)).toBe('json');
    expect(chooseLogFormat(false, true)).toBe('json');
    expect(chooseLogFormat(false, false)).toBe('json');
  });

  it('writes readable lines when `npm start` runs at a terminal in simulator mode', async () => {
    const gateway = await startGatewayProcess({ environment: 'fresh shell', entry: 'terminal' });
    try {
      const output = gateway.output();
      expect(output).toMatch(/\[\d\d:\d\d:\d\d\.\d{3}\] \S*INFO\S*: \S*voice-media-gateway listening/);
      expect(output).not.toContain('{"level"');
    } finally {
      await gateway.stop();
    }
  }, 60_000);

  it('writes JSON lines when stdout is not a terminal', async () => {
    const gateway = await startGatewayProcess({ environment: 'fresh shell' });
    try {
      // pino writes JSON asynchronously: the banner may come first.
      await waitFor(() => gateway.output().includes('voice-media-gateway listening'), 'the listening line');
      const lines = gateway
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg: string });
      expect(lines.map((line) => line.msg)).toContain('voice-media-gateway listening');
    } finally {
      await gateway.stop();
    }
  }, 60_000);
});
