import { describe, expect, it } from 'vitest';
import { applyEditToText, EditError, planEdits } from '../../src/patch/edits.ts';

const files: Record<string, string> = {
  'src/a.ts': 'const a = 1;\nconst b = 2;\n',
  'src/dup.ts': 'x();\nx();\n',
};
const read = async (file: string) => {
  const text = files[file];
  if (text === undefined) throw new Error(`ENOENT ${file}`);
  return text;
};

async function planError(edits: Parameters<typeof planEdits>[0]): Promise<EditError> {
  const error = await planEdits(edits, read).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EditError);
  return error as EditError;
}

describe('applyEditToText', () => {
  it('replaces the single occurrence', () => {
    expect(applyEditToText('a b c', { file: 'f', search: 'b', replace: 'B' })).toBe('a B c');
  });

  it('does not interpret $ patterns in the replacement', () => {
    expect(applyEditToText('a b c', { file: 'f', search: 'b', replace: "$&$'" })).toBe("a $&$' c");
  });
});

describe('planEdits', () => {
  it('applies edits in order, several per file, without writing', async () => {
    const changes = await planEdits(
      [
        { file: 'src/a.ts', search: 'const a = 1;', replace: 'const a = 10;' },
        { file: './src/a.ts', search: 'a = 10', replace: 'a = 11' },
      ],
      read,
    );
    expect(changes).toEqual([{ file: 'src/a.ts', before: files['src/a.ts'], after: 'const a = 11;\nconst b = 2;\n' }]);
    expect(files['src/a.ts']).toBe('const a = 1;\nconst b = 2;\n');
  });

  it('fails clearly when the search text is missing', async () => {
    const error = await planError([{ file: 'src/a.ts', search: 'const c', replace: 'x' }]);
    expect(error.code).toBe('not-found');
    expect(error.message).toBe('search text not found in src/a.ts: "const c"');
  });

  it('fails clearly when the search text is ambiguous', async () => {
    const error = await planError([{ file: 'src/dup.ts', search: 'x();', replace: 'y();' }]);
    expect(error.code).toBe('ambiguous');
    expect(error.message).toMatch(/occurs more than once in src\/dup.ts/);
  });

  it('fails on a missing file and on an empty search', async () => {
    expect((await planError([{ file: 'src/none.ts', search: 'a', replace: 'b' }])).code).toBe('missing-file');
    expect((await planError([{ file: 'src/a.ts', search: '', replace: 'b' }])).code).toBe('empty-search');
  });

  it('refuses test files and escaping paths before reading anything', async () => {
    let reads = 0;
    const counting = async (file: string) => {
      reads++;
      return read(file);
    };
    for (const file of ['tests/a.test.ts', 'src/a.spec.ts', 'vitest.config.ts', '../x.ts', '/abs/x.ts']) {
      const error = await planEdits(
        [
          { file: 'src/a.ts', search: 'const a', replace: 'let a' },
          { file, search: 'a', replace: 'b' },
        ],
        counting,
      ).catch((e: unknown) => e);
      expect(error, file).toBeInstanceOf(EditError);
      expect((error as EditError).code).toBe('refused');
    }
    expect(reads).toBe(0);
  });

  it('drops files the edits leave unchanged', async () => {
    expect(await planEdits([{ file: 'src/a.ts', search: 'const a', replace: 'const a' }], read)).toEqual([]);
  });
});
