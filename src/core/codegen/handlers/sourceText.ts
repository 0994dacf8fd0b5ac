/**
 * A block of generated source written as an indented template literal: the raw text (backslashes
 * kept, so regular expressions read as they will be emitted; only \` and \${ are unescaped) with the
 * first empty line dropped and the common indentation removed. Interpolate single-line values only.
 */
export function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.raw.map((s) => s.replace(/\\`/g, '`').replace(/\\\$\{/g, '${'));
  return dedent(String.raw({ raw }, ...values.map(String)));
}

export function dedent(text: string): string {
  const lines = text.replace(/^[ \t]*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(common)).join('\n');
}

/** Indents every non-empty line of a block by `spaces`. */
export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : pad + l))
    .join('\n');
}

/**
 * Joins top-level sections with one blank line between them, dropping empty ones, and ends the
 * file with a single newline.
 */
export function joinSections(sections: ReadonlyArray<string | undefined | false>): string {
  return (
    sections
      .filter((s): s is string => typeof s === 'string' && s.trim() !== '')
      .map((s) => s.replace(/\s+$/, ''))
      .join('\n\n') + '\n'
  );
}

/** Splits text into lines of at most `width` characters at spaces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A `/** … *\/` block with the text wrapped to fit 100 columns. */
export function docComment(text: string): string {
  return ['/**', ...wrap(text, 96).map((l) => ` * ${l}`), ' */'].join('\n');
}
