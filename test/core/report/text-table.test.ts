// The layout pieces of the plan report: fixed-width tables split to the page, usage cells, wrapped lines.
import { CellAlign, layoutTable } from '../../../lib/core/report/text-table';
import { usageCell } from '../../../lib/core/report/usage-cell';
import { wrapWords } from '../../../lib/core/report/wrap';

const columns = (n: number) => [{ header: 'NAME', align: CellAlign.LEFT }, ...[...Array(n).keys()].map((i) => ({ header: `COL${i}`, align: CellAlign.RIGHT }))];

describe('layoutTable', () => {
  test('keeps names to the left and counts to the right, each column as wide as its widest cell', () => {
    const lines = layoutTable({ columns: columns(2), rows: [['a-much-longer-name', '1', '22'], ['b', '333', '4']], keep: 1 }, 100);
    expect(lines).toEqual([
      'NAME                COL0  COL1',
      'a-much-longer-name     1    22',
      'b                    333     4',
    ]);
  });

  test('splits a table wider than the page into blocks of whole columns, each repeating the kept ones', () => {
    const rows = [['service', ...[...Array(10).keys()].map((i) => `${i}`.repeat(6))]];
    const lines = layoutTable({ columns: columns(10), rows, keep: 1 }, 40);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    const headers = lines.filter((l) => l.startsWith('NAME'));
    // service (7) and four columns of 6, with their gaps, make 39 characters: a fifth would not fit.
    expect(headers.map((h) => h.split(/ +/).length - 1)).toEqual([4, 4, 2]);
    expect(headers.flatMap((h) => h.split(/ +/).slice(1))).toEqual([...Array(10).keys()].map((i) => `COL${i}`));
    expect(lines.filter((l) => l.startsWith('service'))).toHaveLength(3);
    // Blocks are separated by one empty line, and no line ends in spaces.
    expect(lines.filter((l) => l === '')).toHaveLength(2);
    for (const line of lines) expect(line).toBe(line.trimEnd());
  });

  test('gives a column wider than the page a block of its own rather than dropping it', () => {
    const lines = layoutTable({ columns: columns(2), rows: [['x', 'w'.repeat(50), '1']], keep: 1 }, 40);
    expect(lines.some((l) => l.includes('w'.repeat(50)))).toBe(true);
    expect(lines.filter((l) => l.startsWith('NAME'))).toHaveLength(2);
  });
});

describe('usageCell', () => {
  test('shows what is used against the allocatable in whole percent, rounded down, compared exactly', () => {
    expect(usageCell('2750m', '16')).toBe('2750m/16 17%');
    expect(usageCell('1536Mi', '2Gi')).toBe('1536Mi/2Gi 75%');
    expect(usageCell('39', '40')).toBe('39/40 97%');
    expect(usageCell('40', '40')).toBe('40/40 100%');
  });

  test('shows what is used alone where nothing is declared, and no percent of nothing', () => {
    expect(usageCell('3', undefined)).toBe('3');
    expect(usageCell('0', '0')).toBe('0/0');
  });
});

describe('wrapWords', () => {
  test('breaks between words within the page, indenting the lines after the first', () => {
    const lines = wrapWords('one two three four five six seven eight nine ten eleven twelve', 20);
    expect(lines).toEqual(['one two three four', '  five six seven', '  eight nine ten', '  eleven twelve']);
    expect(wrapWords('a '.repeat(3) + 'x'.repeat(30), 20)).toEqual(['a a a', `  ${'x'.repeat(30)}`]);
  });
});
