import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { quoteSplits, scoreQuotes } from '../../tools/quotes-eval.ts';

describe('the PolNeAR quote scorer', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'quotes-eval-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'quotes-dev-knowledge'));
  writeFileSync(
    path.join(dir, 'quotes-dev-knowledge', 'a.txt'),
    'Senator Ruth Hale met Governor Ben Ortiz.\n\n' +
      '"We will pass the farm bill before the recess," Hale said.\n\n' +
      '"The farm bill is dead on arrival in this state," the paper wrote.\n',
  );
  const gold = [
    { id: 'a#1', quote: 'We will pass the farm bill before the recess,', speaker: 'Ruth Hale', key: 'Hale' },
    {
      id: 'a#2',
      quote: 'The farm bill is dead on arrival in this state,',
      speaker: 'Ben Ortiz',
      key: 'Ortiz',
    },
    {
      id: 'a#3',
      quote: 'Nobody ever wrote these words down anywhere at all',
      speaker: 'Ben Ortiz',
      key: 'Ortiz',
    },
  ].map((g) => ({ ...g, source: g.speaker, pronoun: false }));
  writeFileSync(path.join(dir, 'quotes-dev.json'), JSON.stringify(gold));

  it('finds the splits present and scores found, right and wrong speakers', async () => {
    expect(quoteSplits(dir)).toEqual(['dev']);
    const score = await scoreQuotes(dir, 'dev', false);
    expect(score).toMatchObject({ n: 3, found: 2, right: 1, wrong: 0, named: 3, rightNamed: 1 });
  });
});
