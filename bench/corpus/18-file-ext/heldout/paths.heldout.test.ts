import { describe, expect, it } from 'vitest';
import { extname, groupByExtension, replaceExtension, stripExtension } from '../src/paths.ts';

describe('paths (held out)', () => {
  it('matches Node for tricky names', () => {
    expect(extname('archive.tar.gz')).toBe('.gz');
    expect(extname('dir.d/file')).toBe('');
    expect(extname('file.')).toBe('.');
    expect(extname('a/b.c/d.e')).toBe('.e');
  });

  it('replaces extensions with or without a dot', () => {
    expect(replaceExtension('src/a.ts', 'js')).toBe('src/a.js');
    expect(replaceExtension('src/a.ts', '.d.ts')).toBe('src/a.d.ts');
    expect(replaceExtension('Makefile', '.bak')).toBe('Makefile.bak');
    expect(replaceExtension('notes.txt', '')).toBe('notes');
  });

  it('strips only the last extension', () => {
    expect(stripExtension('archive.tar.gz')).toBe('archive.tar');
    expect(stripExtension('.env')).toBe('.env');
  });

  it('groups files by extension', () => {
    const groups = groupByExtension(['a.ts', 'b.js', 'c.ts', 'README']);
    expect(Object.fromEntries(groups)).toEqual({ '.ts': ['a.ts', 'c.ts'], '.js': ['b.js'], '': ['README'] });
  });
});
