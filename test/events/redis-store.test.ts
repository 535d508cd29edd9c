import { afterAll } from 'vitest';
import { createLogger } from '../../src/logger';
import { RedisEventStore } from '../../src/events/redis-store';
import { deleteKeys, REDIS_URL, skipWithoutRedis, uniquePrefix } from '../support/redis';
import { describeEventStoreContract } from './store-contract';

const skip = await skipWithoutRedis();
const logger = createLogger('silent');
const prefixes: string[] = [];

describeEventStoreContract(
  'RedisEventStore',
  (bounds) => {
    const prefix = uniquePrefix('contract');
    prefixes.push(prefix);
    return new RedisEventStore({ url: REDIS_URL, prefix, ...bounds, subscriberMaxBacklog: 1_000, logger });
  },
  { skip },
);

afterAll(async () => {
  if (!skip) await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)));
});
