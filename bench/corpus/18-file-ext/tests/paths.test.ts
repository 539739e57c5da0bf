import { describe, expect, it } from 'vitest';
import { basename, extname, hasExtension, replaceExtension, stripExtension } from '../src/paths.ts';

describe('paths', () => {
  it('takes the last segment', () => {
    expect(basename('src/lib/index.ts')).toBe('index.ts');
    expect(basename('src/lib/')).toBe('lib');
  });

  it('returns the extension with its dot', () => {
    expect(extname('src/index.ts')).toBe('.ts');
  });

  it('treats dotfiles as having no extension', () => {
    expect(extname('/home/me/.bashrc')).toBe('');
  });

  it('returns an empty extension for plain names', () => {
    expect(extname('Makefile')).toBe('');
  });

  it('strips the extension', () => {
    expect(stripExtension('docs/readme.md')).toBe('docs/readme');
  });

  it('checks allowed extensions', () => {
    expect(hasExtension('photo.PNG', ['.png', '.jpg'])).toBe(true);
  });
});
