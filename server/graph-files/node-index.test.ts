import { describe, expect, it } from 'vitest';
import { createNodeIndex } from './node-index.ts';

describe('node index', () => {
  it('gives one index per id, whether it comes as a string or as a range of a line', () => {
    const index = createNodeIndex();
    const line = ' 12 ,alice.bsky.social\t,émile@masto.test';
    expect(index.fromText(line, 0, 4)).toBe(index.fromString('12'));
    expect(index.fromText(line, 5, 23)).toBe(index.fromString('alice.bsky.social'));
    expect(index.fromText(line, 24, line.length)).toBe(index.fromString('émile@masto.test'));
    expect(index.fromString('012')).not.toBe(index.fromString('12'));
    expect(index.ids()).toEqual(['12', 'alice.bsky.social', 'émile@masto.test', '012']);
  });

  it('keeps 40k distinct ids of every kind apart through table and arena growth', () => {
    const index = createNodeIndex();
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      ids.push(
        String(i * 7919),
        `user${i}.bsky.social`,
        String(2 ** 40 + i),
        `${'x'.repeat(i % 50 === 0 ? 1500 : 3)}${i}`,
      );
    }
    // Plain loops: the assertion library would dominate the run time at this count.
    const lost = ids.filter((id, i) => index.fromString(id) !== i);
    const lostInText = ids.filter((id, i) => index.fromText(`,${id},`, 1, id.length + 1) !== i);
    expect([lost, lostInText]).toEqual([[], []]);
    expect(index.size).toBe(ids.length);
    expect(index.ids().join('\n') === ids.join('\n')).toBe(true);
  });
});
