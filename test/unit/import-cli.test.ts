// `npm run import` arguments, the summary it prints, and the progress output (bar on a TTY, lines otherwise).
import { describe, expect, it } from 'vitest';
import { describeReject, parseArgs, summaryLines, UsageError } from '../../server/import/cli-args.ts';
import { createProgress, formatDuration, renderBar } from '../../server/import/progress.ts';
import type { ImportResult } from '../../server/import/run.ts';

describe('parseArgs', () => {
  it('reads a format, files and options', () => {
    expect(parseArgs(['lantern', 'a.json', 'b.json', '--vendor', 'vendor-oracle-health', '--dry-run', '--strict', '--encoding', 'cp1252'])).toMatchObject({
      format: 'lantern',
      files: ['a.json', 'b.json'],
      vendor: 'vendor-oracle-health',
      dryRun: true,
      strict: true,
      encoding: 'windows-1252',
    });
    expect(parseArgs(['--help'])).toBe('help');
  });

  it('explains what is wrong', () => {
    expect(() => parseArgs([])).toThrow(new UsageError('missing <format>'));
    expect(() => parseArgs(['csv', 'x'])).toThrow(/unknown format "csv"/);
    expect(() => parseArgs(['kev'])).toThrow(/missing <file/);
    expect(() => parseArgs(['kev', 'x', '--vendor'])).toThrow(/--vendor needs a value/);
    expect(() => parseArgs(['kev', 'x', '--encoding', 'ebcdic'])).toThrow(/unknown encoding/);
    expect(() => parseArgs(['kev', 'x', '--fast'])).toThrow(/unknown option --fast/);
  });
});

describe('summary', () => {
  const result: ImportResult = {
    file: 'breach.csv',
    path: '/x/breach.csv',
    format: 'hhs-ocr',
    sourceId: 'dataset:hhs-ocr:0123456789abcdef',
    sha256: '0123456789abcdef'.repeat(4),
    encoding: 'utf-8 (detected)',
    rowsRead: 4518,
    rowsAccepted: 4517,
    rejects: [{ line: 214, reason: '"Individuals Affected" is "n/a", expected a number' }],
    warnings: ['a note'],
    skipped: {},
    derived: { 'organisations created': 3819 },
    nodes: { created: 8334, matched: 0, updated: 31 },
    relationships: { created: 4773, matched: 0, updated: 0 },
    ms: 5800,
    dryRun: false,
    committed: true,
  };

  it('gives rows, entities and relationships created / matched / updated, elapsed and rows/s', () => {
    expect(summaryLines(result)).toEqual([
      'breach.csv (hhs-ocr): imported',
      '  rows read 4,518, accepted 4,517, rejected 1',
      '  entities: 8,334 created, 0 matched, 31 updated',
      '  relationships: 4,773 created, 0 matched, 0 updated',
      '  organisations created: 3,819',
      '  note: a note',
      '  source dataset:hhs-ocr:0123456789abcdef (sha256 0123456789abcdef…, utf-8 (detected))',
      '  elapsed 5.8 s, 779 rows/s',
    ]);
    expect(describeReject('breach.csv', result.rejects[0]!)).toBe('breach.csv line 214: "Individuals Affected" is "n/a", expected a number');
    expect(describeReject('x.json', { at: 'Endpoints[3]', reason: 'r' })).toBe('x.json Endpoints[3]: r');
    expect(summaryLines({ ...result, error: 'boom', committed: false })[0]).toBe('breach.csv (hhs-ocr): FAILED');
    expect(summaryLines({ ...result, dryRun: true })[2]).toBe('  entities (would be): 8,334 created, 0 matched, 31 updated');
  });
});

describe('progress', () => {
  it('draws a bar with rate and ETA', () => {
    expect(renderBar('x', 500, 1000, 1000, 80)).toMatch(/^x \[#+-+\] {2}50% 500\/1000 {2}500\/s {2}ETA 1s$/);
    expect(formatDuration(75_000)).toBe('1m15s');
  });

  it('writes one line per step when not on a terminal, and redraws in place on one', () => {
    const plain: string[] = [];
    const p = createProgress({ write: (t: string) => plain.push(t) }, false);
    p.step('reading');
    p.start('writing', 10);
    p.tick(5);
    p.tick(5);
    p.done();
    expect(plain).toHaveLength(3);
    expect(plain[2]).toMatch(/^import: writing: 10\/10 in/);
    const tty: string[] = [];
    const q = createProgress({ write: (t: string) => tty.push(t), isTTY: true, columns: 80 }, true);
    q.start('writing', 2);
    q.tick(2);
    q.done();
    expect(tty[0]!.startsWith('\r')).toBe(true);
    expect(tty.at(-1)).toBe('\n');
  });
});
