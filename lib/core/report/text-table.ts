// Fixed-width plain-text tables for the plan report: columns as wide as their widest cell, and a table wider
// than the page split into blocks of columns that each repeat the leading ones (the row names).

/** Which side of its column a cell keeps to: names left, counts right. */
export enum CellAlign {
  LEFT = 'LEFT',
  RIGHT = 'RIGHT',
}

/** One column of a text table. */
export interface TextColumn {
  readonly header: string;
  readonly align: CellAlign;
}

/** A table to lay out. */
export interface TextTable {
  readonly columns: readonly TextColumn[];
  /** Each row has one cell per column. */
  readonly rows: readonly (readonly string[])[];
  /** How many leading columns name the row, repeated in every block when the table is split. */
  readonly keep: number;
}

/** Spaces between two columns. */
const GAP = '  ';

/**
 * The table's lines, each at most `width` characters where the kept columns and one more fit; a wider table
 * becomes several blocks of whole columns, separated by an empty line. No line ends in spaces.
 */
export function layoutTable(table: TextTable, width: number): string[] {
  const widths = table.columns.map((c, i) => Math.max(c.header.length, ...table.rows.map((r) => r[i].length)));
  const kept = [...Array(table.keep).keys()];
  const keptWidth = kept.reduce((sum, i) => sum + widths[i] + GAP.length, 0);
  const blocks: number[][] = [];
  let block: number[] = [];
  let used = keptWidth;
  for (let i = table.keep; i < table.columns.length; i++) {
    const needed = widths[i] + GAP.length;
    if (block.length > 0 && used + widths[i] > width) {
      blocks.push(block);
      block = [];
      used = keptWidth;
    }
    block.push(i);
    used += needed;
  }
  if (block.length > 0 || blocks.length === 0) blocks.push(block);
  const line = (cells: readonly string[], columns: number[]) =>
    columns
      .map((i) => (table.columns[i].align === CellAlign.RIGHT ? cells[i].padStart(widths[i]) : cells[i].padEnd(widths[i])))
      .join(GAP)
      .trimEnd();
  return blocks.flatMap((columns, b) => {
    const all = [...kept, ...columns];
    const lines = [line(table.columns.map((c) => c.header), all), ...table.rows.map((r) => line(r, all))];
    return b === 0 ? lines : ['', ...lines];
  });
}
