// PosApi's methods meet their handlers in one registry: each domain declares its own, combining
// refuses a name answered twice or a method nobody answers, and the running core answers each once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore } from '../../electron/pos/core';
import { combineMethods, defineMethods, DuplicateMethodError } from '../../electron/pos/registry';
import { POS_METHOD_NAMES, POS_METHODS } from '../../shared/api';
import { ok } from '../../shared/result';
import { memorySecrets } from '../helpers/secrets';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

/** A handler for every method but the given ones, each answering its own name. */
function everyMethodBut(...left: string[]) {
  return Object.fromEntries(POS_METHOD_NAMES.filter((name) => !left.includes(name)).map((name) => [name, async () => ok(name)]));
}

describe('the handler registry', () => {
  it('refuses a method answered by two domains, naming it', () => {
    const cashier = defineMethods({ getSale: async () => ok(null as never) });
    const desk = defineMethods({ getSale: async () => ok(null as never) });
    expect(() => combineMethods(everyMethodBut('getSale'), cashier, desk)).toThrow(DuplicateMethodError);
    expect(() => combineMethods(everyMethodBut('getSale'), cashier, desk)).toThrow(/getSale is answered twice/);
  });

  it('refuses a method nobody answers, naming it', () => {
    expect(() => combineMethods(everyMethodBut('exportCsv'))).toThrow(/No handler for exportCsv/);
  });

  it('answers every PosApi method of the running core exactly once, and nothing else', async () => {
    const core = await startCore({ dataDir: dir.path, secrets: memorySecrets() });
    try {
      expect(Object.keys(core.handlers).sort()).toEqual(Object.keys(POS_METHODS).sort());
      for (const name of POS_METHOD_NAMES) expect(typeof core.handlers[name]).toBe('function');
      expect(Object.isFrozen(core.handlers)).toBe(true);
    } finally {
      await core.close();
    }
  });
});
