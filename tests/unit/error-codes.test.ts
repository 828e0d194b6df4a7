import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '../../src/shared/errors';

describe('error codes', () => {
  it("lists every code of ErrorCode, Apollo's own included, in the README's error table", () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('### Error codes'), readme.indexOf('### Caching'));
    const listed = new Set(
      [...table.matchAll(/^\| (.+?) \| /gm)].flatMap(([, codes]) => [...codes.matchAll(/`([A-Z_]+)`/g)].map(([, code]) => code)),
    );
    expect([...listed].sort()).toEqual(Object.values(ErrorCode).sort());
  });
});
