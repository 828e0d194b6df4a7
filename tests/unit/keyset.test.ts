import { keysetAfter } from '../../src/db/keyset';

describe('keysetAfter', () => {
  it('builds the seek condition for one descending column', () => {
    expect(keysetAfter([{ expression: 'a.x', direction: 'DESC', value: 3 }])).toEqual({
      where: '((a.x < :keyset0))',
      parameters: { keyset0: 3 },
    });
  });

  it('compares later columns only where the earlier ones are equal, each in its own direction', () => {
    const { where, parameters } = keysetAfter([
      { expression: 'p', direction: 'DESC', value: 'd' },
      { expression: 'a', direction: 'DESC', value: 9 },
      { expression: 'pos', direction: 'ASC', value: 2 },
    ]);
    expect(where).toBe('((p < :keyset0) OR (p = :keyset0 AND a < :keyset1) OR (p = :keyset0 AND a = :keyset1 AND pos > :keyset2))');
    expect(parameters).toEqual({ keyset0: 'd', keyset1: 9, keyset2: 2 });
  });

  it('selects exactly the rows after the cursor in the sort order', () => {
    // Evaluate the generated condition against an in-memory sort to check its meaning.
    const rows = [];
    for (let p = 0; p < 4; p += 1) for (let a = 0; a < 3; a += 1) for (let pos = 0; pos < 3; pos += 1) rows.push({ p, a, pos });
    const sorted = [...rows].sort((x, y) => y.p - x.p || y.a - x.a || x.pos - y.pos);
    const cursorIndex = 13;
    const cursor = sorted[cursorIndex];
    const { where, parameters } = keysetAfter([
      { expression: 'p', direction: 'DESC', value: cursor.p },
      { expression: 'a', direction: 'DESC', value: cursor.a },
      { expression: 'pos', direction: 'ASC', value: cursor.pos },
    ]);
    const js = where
      .replace(/ AND /g, ' && ')
      .replace(/ OR /g, ' || ')
      .replace(/ = /g, ' === ')
      .replace(/:(keyset\d)/g, (_, name) => String(parameters[name]));
    const predicate = new Function('p', 'a', 'pos', `return ${js};`) as (p: number, a: number, pos: number) => boolean;
    expect(sorted.filter((row) => predicate(row.p, row.a, row.pos))).toEqual(sorted.slice(cursorIndex + 1));
  });
});
