import { MemoryEventStore } from '../../src/events/memory-store';
import { describeEventStoreContract } from './store-contract';

describeEventStoreContract('MemoryEventStore', (bounds) => new MemoryEventStore(bounds));
