import { MemoryEventStore } from '../../src/events/memory-store';
import { describeCallStoreContract } from './call-store-contract';
import { describeEventStoreContract } from './store-contract';

describeEventStoreContract('MemoryEventStore', (bounds) => new MemoryEventStore(bounds));
describeCallStoreContract('MemoryEventStore', (bounds) => new MemoryEventStore(bounds));
