import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../src/lib/bounded-map';

describe('BoundedMap', () => {
  it('holds at most its capacity, forgetting the key set first', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    expect([map.size, map.has('a'), map.get('b'), map.get('c')]).toEqual([2, false, 2, 3]);
    expect(map.oldestKey()).toBe('b');
  });

  it('updates a key it holds in place: the key keeps its age', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 10);
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([undefined, 2, 3]);
  });

  it('gives its oldest key and deletes it, and does nothing when empty', () => {
    const map = new BoundedMap<string, number>(10);
    map.deleteOldest();
    expect(map.oldestKey()).toBeUndefined();
    map.set('a', 1);
    map.set('b', 2);
    map.deleteOldest();
    expect([map.oldestKey(), map.size]).toEqual(['b', 1]);
  });

  it('stays exact through many evictions (its queue is compacted as it goes)', () => {
    const map = new BoundedMap<number, number>(100);
    for (let i = 0; i < 50_000; i++) map.set(i, i * 2);
    expect(map.size).toBe(100);
    expect(map.oldestKey()).toBe(49_900);
    expect(map.get(49_999)).toBe(99_998);
    expect(map.has(49_899)).toBe(false);
    for (let i = 0; i < 100; i++) map.deleteOldest();
    expect([map.size, map.oldestKey()]).toEqual([0, undefined]);
    map.set(-1, 0);
    expect(map.oldestKey()).toBe(-1);
  });
});
