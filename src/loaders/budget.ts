/**
 * WorkbookCells → Budget: locate every table by content, read its header,
 * merge page-break repeats, type its rows, and read the department, year and
 * money unit from the workbook itself.
 */
import { TABLE_IDS, type TableId } from '../model/amount.js';
import type { Budget, DataProblem, MoneyUnit } from '../model/budget.js';
import { emptyTable, type Column, type Table } from '../model/table.js';
import { HUNAN_TEMPLATE } from '../templates/hunan-23.js';
import { templateAmountKeys } from '../templates/amount-columns.js';
import type { TableTemplate, Template } from '../templates/types.js';
import type { WorkbookCells } from './cells.js';
import { readHeader, SheetView, type HeaderResult } from './header.js';
import { locateBlocks, readPreambleText, topVote, type Block, type Preamble } from './locate.js';
import { a1, cellRef, cellText, compact, where } from './normalize.js';
import { newTableState, promoteDepartments, readRows, type BuildContext } from './rows.js';

/** Amounts are published to 0.01 of the money unit. */
const PRECISION = 2;

interface ParsedBlock {
  block: Block;
  header?: HeaderResult;
  preamble: Preamble;
}

export function buildBudget(cells: WorkbookCells, template: Template = HUNAN_TEMPLATE): Budget {
  const problems: DataProblem[] = [];
  const { blocks, years } = locateBlocks(cells, template);
  const templates = new Map<TableId, TableTemplate>(template.tables.map((t) => [t.id, t]));

  const views = new Map<string, SheetView>();
  const viewOf = (b: Block): SheetView => {
    const key = b.cols ? `${b.sheetIndex}:${b.cols[0]}:${b.cols[1]}` : String(b.sheetIndex);
    let v = views.get(key);
    if (!v) views.set(key, (v = new SheetView(b.sheet, b.cols)));
    return v;
  };

  // 1. Headers and preambles of every block.
  const parsed: ParsedBlock[] = [];
  const deptVotes = new Map<string, number>();
  const unitVotes = new Map<MoneyUnit, number>();
  for (const block of blocks) {
    const tmpl = templates.get(block.id);
    if (!tmpl) continue;
    const view = viewOf(block);
    const skip = new Set(block.anchorRows);
    const header = readHeader(view, block.start, block.end, skip, tmpl);
    const preamble: Preamble = {};
    const preambleEnd = header ? header.firstRow : Math.min(block.end, block.start + 6);
    for (let r = block.start; r < preambleEnd; r++) {
      const texts: string[] = [];
      for (let c = 0, n = view.rowLength(r); c < n; c++) {
        const cell = view.cell(r, c);
        if (cell && cell.t === 's') texts.push(cellText(cell));
      }
      // Cells of one line may split "单位：" and the name: read them joined too.
      readPreambleText(texts.length > 1 ? [...texts, texts.join('  ')] : texts, preamble);
    }
    if (header) {
      if (preamble.department) deptVotes.set(preamble.department, (deptVotes.get(preamble.department) ?? 0) + 1);
      if (preamble.unit) unitVotes.set(preamble.unit, (unitVotes.get(preamble.unit) ?? 0) + 1);
    }
    parsed.push({ block, header, preamble });
  }

  const department = topVote(deptVotes);
  const unit = topVote(unitVotes);

  // 2. Runs of the same table in document order are one table (page-break repeats).
  const withHeader = parsed.filter((p) => p.header);
  // Tables side by side continue in their own lane (columns of one sheet), whatever the neighbours do.
  const runs = new Map<TableId, ParsedBlock[][]>();
  let prev: TableId | undefined;
  const prevInLane = new Map<string, TableId>();
  for (const p of withHeader) {
    const lane = p.block.cols ? `${p.block.sheetIndex}:${p.block.cols[0]}` : undefined;
    const list = runs.get(p.block.id) ?? runs.set(p.block.id, []).get(p.block.id)!;
    if ((lane ? prevInLane.get(lane) : prev) === p.block.id) list[list.length - 1]!.push(p);
    else list.push([p]);
    prev = p.block.id;
    if (lane) prevInLane.set(lane, p.block.id);
  }

  // 3. Tables in template order (21/22 need the unit names of the tables before them).
  const unitNames = new Map<string, Set<string>>();
  const departmentCodes = new Set<string>();
  const tables = {} as Record<TableId, Table>;
  for (const tmpl of template.tables) {
    const table = emptyTable(tmpl.id, tmpl.title);
    tables[tmpl.id] = table;
    const tableRuns = runs.get(tmpl.id);
    if (!tableRuns) {
      // Its title without a header we can read (a table of contents, another province's layout): still missing, said where.
      const titleOnly = parsed.find((p) => p.block.id === tmpl.id);
      const ref = titleOnly ? cellRef(titleOnly.block.sheet.name, titleOnly.block.start, 0) : undefined;
      problems.push({
        kind: 'missing-table',
        table: tmpl.id,
        ...(ref ? { ref } : {}),
        message: ref
          ? `表${tmpl.id} ${tmpl.title}: its title is at ${where(ref)} but no header with the table's columns follows it`
          : `表${tmpl.id} ${tmpl.title} not found in the workbook`,
      });
      continue;
    }
    const [run, ...dups] = tableRuns;
    for (const d of dups) {
      const ref = cellRef(d[0]!.block.sheet.name, d[0]!.block.start, 0);
      problems.push({
        kind: 'duplicate-table',
        table: tmpl.id,
        ref,
        message: `表${tmpl.id} ${tmpl.title} appears again at ${where(ref)}; the first copy (${run![0]!.block.sheet.name}) is used`,
      });
    }
    readTable(table, tmpl, run!, { department, unit, unitNames, departmentCodes, problems, viewOf });
  }

  // A template without some of the 23 (another province's set): those stay empty and are not "missing".
  for (const id of TABLE_IDS) tables[id] ??= emptyTable(id, '');

  // 4. Department from the department rows when no "单位：" line named it.
  let dept = department;
  if (!dept) {
    const votes = new Map<string, number>();
    for (const id of ['02', '03', '15', '21'] as TableId[]) {
      for (const row of tables[id].rows) if (row.kind === 'department' && row.name) votes.set(row.name, (votes.get(row.name) ?? 0) + 1);
    }
    dept = topVote(votes);
  }

  const year = topVote(years.strong) ?? topVote(years.weak);
  return {
    file: cells.file,
    ...(dept ? { department: dept } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(unit ? { unit } : {}),
    precision: PRECISION,
    tables,
    problems,
  };
}

interface ReadEnv {
  department?: string;
  unit?: MoneyUnit;
  unitNames: Map<string, Set<string>>;
  departmentCodes: Set<string>;
  problems: DataProblem[];
  viewOf: (b: Block) => SheetView;
}

function readTable(table: Table, tmpl: TableTemplate, run: ParsedBlock[], env: ReadEnv): void {
  const first = run[0]!;
  const header = first.header!;
  const ctx: BuildContext = {
    id: tmpl.id,
    tmpl,
    amountKeys: templateAmountKeys(tmpl),
    precision: PRECISION,
    department: env.department,
    unitNames: env.unitNames,
    departmentCodes: env.departmentCodes,
    problems: env.problems,
  };
  const state = newTableState();
  for (const p of run) {
    const view = env.viewOf(p.block);
    readRows(ctx, state, view, p.header!, p.block.end, new Set(p.block.anchorRows));
    if (env.unit && p.preamble.unit && p.preamble.unit !== env.unit) {
      const ref = cellRef(p.block.sheet.name, p.block.start, 0);
      env.problems.push({
        kind: 'unit-mismatch',
        table: tmpl.id,
        ref,
        message: `表${tmpl.id} ${tmpl.title} is in ${p.preamble.unit} while the workbook's tables are in ${env.unit} (${where(ref)})`,
      });
    }
  }

  promoteDepartments(state.rows);
  for (const r of state.rows) if (r.kind === 'department' && r.code) env.departmentCodes.add(r.code);

  // Header problems are reported once, from the first block.
  const headerRef = cellRef(first.block.sheet.name, header.firstRow, header.columns[0]?.col ?? 0);
  for (const spec of header.missing) {
    const key = spec.path.join(' › ');
    env.problems.push({
      kind: 'unmatched-column',
      table: tmpl.id,
      column: key,
      ref: headerRef,
      message: `表${tmpl.id} ${tmpl.title}: column "${key}" not found in the header at ${where(headerRef)}`,
    });
  }
  for (const [key, ref] of state.unknownWithFigures) {
    env.problems.push({
      kind: 'unmatched-column',
      table: tmpl.id,
      column: key,
      ref,
      message: `表${tmpl.id} ${tmpl.title}: column "${key}" holds figures (${where(ref)}) but is not a column of this table`,
    });
  }

  table.found = true;
  table.sheet = first.block.sheet.name;
  const startCol = state.minCol === Number.MAX_SAFE_INTEGER ? 0 : state.minCol;
  const lastRow = Math.max(
    state.lastRow,
    ...run.filter((p) => p.block.sheetIndex === first.block.sheetIndex).map((p) => p.header!.lastRow),
  );
  table.range = `${a1(first.block.start, startCol)}:${a1(lastRow, Math.max(state.maxCol, startCol))}`;
  table.columns = header.columns.map(
    (hc): Column => ({ key: hc.key, parts: hc.spec ? [...hc.spec.path] : hc.path.map(compact), col: hc.col, role: hc.role }),
  );
  table.rows = state.rows;
  table.notes = state.notes;
}
