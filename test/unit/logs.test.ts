// The structured log: one JSON record a line with the area and sale id read from the line, levels
// from reliable wording, every known secret removed before anything is written, and files rotated
// by size and by age and pruned by count and age. Real files in a temp dir, a clock moved by hand.
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordConnectivity } from '../../electron/pos/logs/connectivity';
import { ACTIVE_LOG_FILE, listLogFiles, RotatingLogFile, type LogLimits } from '../../electron/pos/logs/log-file';
import { createAppLogger, logsDirOf } from '../../electron/pos/logs/logger';
import { levelOf, parseRecord, toRecord, type LogRecord } from '../../electron/pos/logs/record';
import { CoreEvents } from '../../electron/pos/core-events';
import { manualClock, tempDir } from '../helpers/temp';

const SALE = 'sale-01JD8X3Z4Q5R6S7T8V9W0XYZAB';
const API_KEY = 'mk_live_LOGTEST_9f8e7d6c5b4a3210_zz';
const AUTHTOKEN = '2logsNgrokToken_qwertyuiopasdfgh_42';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

function records(file: string): LogRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const record = parseRecord(line);
      if (!record) throw new Error(`not a record: ${line}`);
      return record;
    });
}

describe('a line becomes a record', () => {
  const at = new Date('2026-11-26T10:00:00.000Z');

  it('takes the area before the colon and the sale id from anywhere in the line', () => {
    expect(toRecord(`chain: sale ${SALE} recovered from tron: 5 in abc`, at)).toEqual({
      time: '2026-11-26T10:00:00.000Z',
      level: 'info',
      area: 'chain',
      message: `sale ${SALE} recovered from tron: 5 in abc`,
      saleId: SALE,
    });
    expect(toRecord(`sale ${SALE}: could not record a late invoice: disk I/O error`, at)).toMatchObject({ area: 'sale', level: 'error', saleId: SALE });
    expect(toRecord('data folder: could not make /x private (mode 644, EPERM); other users of this computer may read it', at)).toMatchObject({ area: 'data folder', level: 'warn' });
    expect(toRecord('something without an area', at)).toEqual({ time: at.toISOString(), level: 'info', area: 'app', message: 'something without an area' });
  });

  it('derives warn and error only from wording that means it, and keeps a given level', () => {
    expect(levelOf('backup: failed: ENOSPC')).toBe('error');
    expect(levelOf('webhook: could not record a notice: SQLITE_BUSY')).toBe('error');
    expect(levelOf('webhook: port 4100 is taken, using another')).toBe('warn');
    expect(levelOf('tunnel: authentication rejected; trying again in 2 s')).toBe('warn');
    expect(levelOf('backup: saved /data/backups/x.sqlite3')).toBe('info');
    expect(toRecord('update: 0.2.0 is ready', at, 'warn').level).toBe('warn');
  });

  it('keeps a multi-line error on one line, bounded', () => {
    const record = toRecord(`crash: boom\n    at a (x.ts:1)\n${'y'.repeat(10_000)}`, at);
    expect(JSON.stringify(record)).not.toContain('\n');
    expect(record.message.length).toBeLessThan(4_100);
  });
});

describe('the logger', () => {
  it('writes one JSON line per event, redacted, and echoes the redacted line', () => {
    const clock = manualClock();
    const echoed: string[] = [];
    const logger = createAppLogger({ dataDir: dir.path, now: clock.now, echo: (line) => echoed.push(line) });
    logger.addSecrets(() => [API_KEY, AUTHTOKEN, null]);
    logger.log(`tunnel: ngrok refused authtoken ${AUTHTOKEN}; trying again in 1 s`);
    logger.log(`gateway: answered 401 for key ${API_KEY.slice(3, 20)}… (sale ${SALE})`);
    logger.log('webhook: line one\nline two');
    logger.close();
    const text = readFileSync(join(logsDirOf(dir.path), ACTIVE_LOG_FILE), 'utf8');
    expect(text.split('\n')).toHaveLength(4); // three lines and the final newline
    for (const secret of [API_KEY, AUTHTOKEN, API_KEY.slice(3, 20), AUTHTOKEN.slice(5, 20)]) {
      expect(text).not.toContain(secret);
      expect(echoed.join('\n')).not.toContain(secret);
    }
    const [tunnel, gateway] = records(join(logsDirOf(dir.path), ACTIVE_LOG_FILE));
    expect(tunnel).toMatchObject({ area: 'tunnel', level: 'warn', message: 'ngrok refused authtoken [redacted]; trying again in 1 s' });
    expect(gateway).toMatchObject({ area: 'gateway', saleId: SALE });
    expect(echoed[0]).toBe('tunnel: ngrok refused authtoken [redacted]; trying again in 1 s');
  });

  it('keeps the folder and files private to this user', () => {
    if (process.platform === 'win32') return;
    const logger = createAppLogger({ dataDir: dir.path });
    logger.log('app: hello');
    logger.close();
    expect(statSync(logsDirOf(dir.path)).mode & 0o777).toBe(0o700);
    expect(statSync(join(logsDirOf(dir.path), ACTIVE_LOG_FILE)).mode & 0o777).toBe(0o600);
  });

  it('never throws when the log cannot be written, and says so once', () => {
    writeFileSync(join(dir.path, 'logs'), 'a file where the folder should be');
    const said: string[] = [];
    const logger = createAppLogger({ dataDir: dir.path, onWriteFailure: (message) => said.push(message) });
    expect(() => {
      logger.log('app: one');
      logger.log('app: two');
    }).not.toThrow();
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^log: could not write to/);
  });

  it('records the tunnel and reachability changes the core announces', () => {
    const lines: [string, string | undefined][] = [];
    const events = new CoreEvents();
    recordConnectivity(events, (line, level) => lines.push([line, level]));
    events.emit('tunnel-changed', { state: 'online', url: 'https://shop.ngrok.app', message: null });
    events.emit('reachability-changed', { state: 'checking', message: null, checkedAt: null });
    events.emit('reachability-changed', { state: 'unreachable', message: 'answered 502', checkedAt: '2026-11-26T10:00:00Z' });
    events.emit('tunnel-changed', { state: 'error', url: null, message: 'session closed' });
    expect(lines).toEqual([
      ['tunnel: online https://shop.ngrok.app', 'info'],
      ['reachability: unreachable (answered 502)', 'warn'],
      ['tunnel: error (session closed)', 'warn'],
    ]);
  });
});

describe('rotation', () => {
  const limits: LogLimits = { maxFileBytes: 1_000, maxFileSpanMs: 60_000, maxFiles: 3, maxAgeMs: 3_600_000 };
  const logsDir = () => join(dir.path, 'logs');
  const line = (n: number) => `${JSON.stringify({ time: new Date(0).toISOString(), level: 'info', area: 'test', message: `line ${n} ${'x'.repeat(80)}` })}\n`;

  it('starts a new file before a line would pass the size limit, and keeps at most maxFiles', () => {
    const clock = manualClock();
    const file = new RotatingLogFile(logsDir(), clock.now, limits);
    for (let n = 0; n < 60; n++) {
      clock.advance(1);
      file.write(line(n));
    }
    file.close();
    const files = listLogFiles(logsDir());
    expect(files).toHaveLength(3);
    expect(files[2]?.endsWith(ACTIVE_LOG_FILE)).toBe(true);
    for (const name of files) expect(statSync(name).size).toBeLessThanOrEqual(limits.maxFileBytes);
    // Oldest first, nothing lost between the kept files: the newest lines, in order.
    const kept = files.flatMap((name) => readFileSync(name, 'utf8').split('\n').filter(Boolean)).map((text) => Number(/line (\d+)/.exec(text)?.[1]));
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, index) => 60 - kept.length + index));
  });

  it('starts a new file once the current one is older than its span, even when small', () => {
    const clock = manualClock();
    const first = new RotatingLogFile(logsDir(), clock.now, limits);
    first.write(`${JSON.stringify({ time: clock.now().toISOString(), level: 'info', area: 't', message: 'old' })}\n`);
    first.close();
    clock.advance(limits.maxFileSpanMs + 1);
    // A restart reads the first line's time back, so the age survives the process.
    const second = new RotatingLogFile(logsDir(), clock.now, limits);
    second.write(`${JSON.stringify({ time: clock.now().toISOString(), level: 'info', area: 't', message: 'new' })}\n`);
    second.close();
    const files = listLogFiles(logsDir());
    expect(files).toHaveLength(2);
    expect(readFileSync(files[0] as string, 'utf8')).toContain('"old"');
    expect(readFileSync(files[1] as string, 'utf8')).toContain('"new"');
  });

  it('deletes rotated files older than the age limit and leaves files that are not logs alone', () => {
    const clock = manualClock();
    mkdirSync(logsDir(), { recursive: true });
    const stale = join(logsDir(), 'counter-20261001T000000000Z.log');
    const fresh = join(logsDir(), 'counter-20261126T000000000Z.log');
    const other = join(logsDir(), 'notes.txt');
    for (const name of [stale, fresh, other]) writeFileSync(name, line(0));
    const old = (clock.now().getTime() - limits.maxAgeMs - 1000) / 1000;
    const recent = clock.now().getTime() / 1000 - 60;
    utimesSync(fresh, recent, recent);
    utimesSync(stale, old, old);
    utimesSync(other, old, old);
    const file = new RotatingLogFile(logsDir(), clock.now, limits);
    file.write(line(1));
    file.close();
    expect(readdirSync(logsDir()).sort()).toEqual(['counter-20261126T000000000Z.log', ACTIVE_LOG_FILE, 'notes.txt']);
  });
});
