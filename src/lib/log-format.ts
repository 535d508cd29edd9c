import type { DestinationStream } from 'pino';

export type LogFormat = 'pretty' | 'json';

/**
 * How start-up writes its log: readable lines for a person trying the gateway at a terminal
 * (simulator mode, stdout a TTY), JSON everywhere else, where log shippers read stdout. A real
 * deployment stays JSON even on a terminal (`docker run -t`): its log is for machines.
 */
export function chooseLogFormat(simulatorMode: boolean, stdoutIsTerminal: boolean): LogFormat {
  return simulatorMode && stdoutIsTerminal ? 'pretty' : 'json';
}

/**
 * The pretty destination: one coloured line per entry, its fields below; written synchronously, in
 * order with the banner. Loaded only when chosen (about 100 ms of start-up otherwise spent for nothing).
 */
export async function prettyLogDestination(): Promise<DestinationStream> {
  const { default: pretty } = await import('pino-pretty');
  return pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
}
