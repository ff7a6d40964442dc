import type { Finding } from '../findings';
import {
  cellIndexOf,
  findingPosition,
  findingRange,
  groupByCell,
  groupForPanel,
  lineStarts,
  readinessScore,
  worstSeverity
} from '../diagnostics/mapping';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    path: 'n.ipynb',
    code: 'NBP062',
    name: 'unseeded-estimator',
    category: 'unseeded-randomness',
    severity: 'warning',
    message: 'm',
    cell_id: 'a',
    cell_index: 0,
    line: 1,
    column: 1,
    end_line: 1,
    end_column: 2,
    fix: null,
    ...over
  };
}

describe('findingRange maps 1-based line/column (characters) to editor offsets', () => {
  it('finds a range on a later line', () => {
    const source = 'import os\nmodel = Forest(n=1)\n';
    const range = findingRange(
      source,
      finding({ line: 2, column: 9, end_line: 2, end_column: 20 })
    );
    expect(source.slice(range!.from, range!.to)).toBe('Forest(n=1)');
  });

  it('counts astral characters as one column, as Python does', () => {
    const source = 'x = "🙂"; y = f()';
    const range = findingRange(source, finding({ column: 14, end_column: 17 }));
    expect(source.slice(range!.from, range!.to)).toBe('f()');
  });

  it('spans lines and treats \\r\\n as one break', () => {
    const source = 'a = (\r\n  1,\r\n)\r\nb';
    const range = findingRange(
      source,
      finding({ line: 1, column: 5, end_line: 3, end_column: 2 })
    );
    expect(source.slice(range!.from, range!.to)).toBe('(\r\n  1,\r\n)');
  });

  it('grows an empty range to the rest of its line', () => {
    const source = 'abc\ndef';
    const range = findingRange(source, finding({ column: 2, end_column: 2 }));
    expect(source.slice(range!.from, range!.to)).toBe('bc');
  });

  it('clamps positions past the end (the cell changed since the lint)', () => {
    const source = 'ab';
    const range = findingRange(
      source,
      finding({ line: 5, column: 3, end_line: 9, end_column: 9 })
    );
    expect(range).toEqual({ from: 2, to: 2 });
  });

  it('is null for a notebook-level finding', () => {
    expect(
      findingRange('x', finding({ cell_index: null, line: null, column: null }))
    ).toBeNull();
  });

  it('splits lines like str.splitlines', () => {
    expect(lineStarts('a\nb\rc\u2028d\x0ce')).toEqual([0, 2, 4, 6, 8]);
  });

  it('gives the cursor position of a finding', () => {
    expect(findingPosition('🙂\n  x', finding({ line: 2, column: 3 }))).toEqual(
      {
        line: 1,
        column: 2
      }
    );
  });
});

describe('findings are matched to cells', () => {
  const cells = [
    { id: 'a', index: 0 },
    { id: 'b', index: 1 }
  ];

  it('by id, so a moved cell keeps its findings', () => {
    expect(cellIndexOf(finding({ cell_id: 'b', cell_index: 0 }), cells)).toBe(
      1
    );
  });

  it('drops findings of deleted cells', () => {
    expect(cellIndexOf(finding({ cell_id: 'zz', cell_index: 0 }), cells)).toBe(
      -1
    );
  });

  it('by index when cells have no ids', () => {
    const noIds = [
      { id: null, index: 0 },
      { id: null, index: 1 }
    ];
    expect(cellIndexOf(finding({ cell_id: null, cell_index: 1 }), noIds)).toBe(
      1
    );
    expect(cellIndexOf(finding({ cell_id: null, cell_index: 5 }), noIds)).toBe(
      -1
    );
  });

  it('groups per cell and keeps notebook-level findings apart', () => {
    const grouped = groupByCell(
      [
        finding({ cell_id: 'b', cell_index: 1 }),
        finding({ cell_id: null, cell_index: null, line: null }),
        finding({ cell_id: 'b', cell_index: 1, severity: 'error' })
      ],
      cells
    );
    expect(grouped.notebook).toHaveLength(1);
    expect(grouped.cells.get(1)).toHaveLength(2);
    expect(worstSeverity(grouped.cells.get(1)!)).toBe('error');
    expect(grouped.cells.has(0)).toBe(false);
  });
});

describe('the readiness panel model', () => {
  it('scores 100 without findings and less with worse ones', () => {
    expect(readinessScore([])).toBe(100);
    const warning = readinessScore([finding()]);
    const error = readinessScore([finding({ severity: 'error' })]);
    expect(warning).toBe(89);
    expect(error).toBeLessThan(warning);
    expect(
      readinessScore(Array(200).fill(finding({ severity: 'error' })))
    ).toBeGreaterThan(0);
  });

  it('groups by category, most severe category first, then by severity', () => {
    const groups = groupForPanel([
      finding({ category: 'demo-output', severity: 'info' }),
      finding({ category: 'secret', severity: 'warning' }),
      finding({ category: 'secret', severity: 'error' })
    ]);
    expect(groups.map(g => g.category)).toEqual(['secret', 'demo-output']);
    expect(groups[0].bySeverity.map(s => s.severity)).toEqual([
      'error',
      'warning'
    ]);
  });
});
