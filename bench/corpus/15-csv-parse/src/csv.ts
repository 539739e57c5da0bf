export type Row = Record<string, string>;

/** Splits one CSV line; supports quoted fields with "" escapes. */
export function splitLine(line: string, delimiter = ','): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** Parses CSV text whose first non-blank line is the header; missing fields become ''. */
export function parseCsv(text: string, delimiter = ','): Row[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) return [];
  const header = splitLine(lines[0]!, delimiter).map((name) => name.trim());
  return lines.slice(2).map((line) => {
    const values = splitLine(line, delimiter);
    const row: Row = {};
    header.forEach((name, i) => {
      row[name] = values[i] ?? '';
    });
    return row;
  });
}

export function column(rows: readonly Row[], name: string): string[] {
  return rows.map((row) => row[name] ?? '');
}

export function sumColumn(rows: readonly Row[], name: string): number {
  return column(rows, name).reduce((sum, value) => sum + (Number(value) || 0), 0);
}
