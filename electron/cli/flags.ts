// What the command lines (restore, diagnostics) share: path flags checked before anything is touched,
// --help, and the data folder browser mode uses when none is given.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface PathFlags<N extends string> {
  paths: Partial<Record<N, string>>;
  help: boolean;
}

/** `--<name> PATH` for each name, and --help; a string says what is wrong. */
export function readPathFlags<N extends string>(names: readonly N[], args: string[] = process.argv.slice(2)): PathFlags<N> | string {
  const shape = Object.fromEntries(names.map((name) => [name, z.string().trim().min(1, `--${name} needs a path`).max(4096).optional()]));
  const schema = z.strictObject({ ...shape, help: z.boolean().optional() });
  try {
    const options = Object.fromEntries([...names.map((name) => [name, { type: 'string' as const }]), ['help', { type: 'boolean' as const }]]);
    const { values } = parseArgs({ args, options, strict: true });
    const checked = schema.safeParse(values);
    if (!checked.success) return checked.error.issues[0]?.message ?? 'invalid options';
    const { help, ...paths } = checked.data as Record<string, string | boolean | undefined>;
    return { paths: paths as Partial<Record<N, string>>, help: help === true };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** $XDG_DATA_HOME/mitilena-counter, or ~/.local/share/mitilena-counter. */
export function defaultDataDir(): string {
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'mitilena-counter');
}
