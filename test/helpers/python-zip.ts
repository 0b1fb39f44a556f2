// Opens a zip with Python's zipfile (another implementation than the one that wrote it): checks every
// entry's CRC and returns the entries as text, by name.
import { spawnSync } from 'node:child_process';

const READ_ZIP = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    bad = archive.testzip()
    if bad is not None:
        sys.exit("bad entry: " + bad)
    print(json.dumps({name: archive.read(name).decode("utf-8") for name in archive.namelist()}))
`;

export function readZipWithPython(file: string): Record<string, string> {
  const run = spawnSync('python3', ['-c', READ_ZIP, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`python3 zipfile could not open ${file}: ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as Record<string, string>;
}
