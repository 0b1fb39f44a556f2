// The shop-ledger tests never skip: without PostgreSQL's server programs they fail, saying how to install them.
import { describe, expect, it } from 'vitest';
import { findPostgresBin } from '../helpers/postgres';
import { tempDir } from '../helpers/temp';

describe('the PostgreSQL test helper', () => {
  it('fails with how to install PostgreSQL when its programs are nowhere to be found', () => {
    const empty = tempDir();
    try {
      expect(() => findPostgresBin({ path: empty.path, root: `${empty.path}/postgresql` })).toThrow(/apt-get install postgresql/);
    } finally {
      empty.remove();
    }
  });

  it('finds Debian\'s versioned folder on this machine', () => {
    expect(findPostgresBin({ path: '' })).toMatch(/bin$/);
  });
});
