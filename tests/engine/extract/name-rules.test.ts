import { describe, expect, it } from 'vitest';
import { NAME_RULES } from '../../../src/engine/extract/name-rules.ts';
import { findNameSpans } from '../../../src/engine/extract/names.ts';

describe('name rules', () => {
  it('have distinct ids, a one-line description and an example', () => {
    expect(new Set(NAME_RULES.map((r) => r.id)).size).toBe(NAME_RULES.length);
    for (const rule of NAME_RULES) {
      expect(rule.description).toMatch(/^[^\n]{10,120}$/);
      expect(rule.example.sentence).toContain(rule.example.name);
    }
  });

  for (const rule of NAME_RULES)
    it(`${rule.id}: fires on its example and finds the name`, () => {
      const fired: string[] = [];
      const names = findNameSpans(rule.example.sentence, new Set(), undefined, (id) => fired.push(id));
      expect(fired).toContain(rule.id);
      expect(names.map((n) => n.name)).toContain(rule.example.name);
    });

  it('stop where no rule applies', () => {
    const fired: string[] = [];
    const names = findNameSpans('Lennon and McCartney wrote it.', new Set(), undefined, (id) =>
      fired.push(id),
    );
    expect(names.map((n) => n.name)).toEqual(['Lennon', 'McCartney']);
    expect(fired).toEqual([]);
  });
});
