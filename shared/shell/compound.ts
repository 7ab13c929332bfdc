/**
 * Whether shell text is more than one AND-list at its top level: it has a `;`, a newline, a
 * `||` or a background `&` outside quotes, `$(...)`, `${...}`, `( ... )` and `{ ...; }`. Such a
 * text, placed in `a && TEXT`, would not be one operand of the `&&` (`a && b; c` runs `c`
 * whatever `a` said), so {@link allOf} groups it. Quoted text never counts; over-grouping is
 * harmless, missing one is a check that cannot fail.
 */
export function isCompound(text: string): boolean {
  let depth = 0;
  const word = (i: number) => i < 0 || i >= text.length || /[\s;&|()]/.test(text[i] ?? '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '\\') {
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return true;
      i = end;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '$' && next === '{') {
      depth++;
      i++;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
    } else if (c === '{' && word(i - 1) && word(i + 1)) {
      depth++;
    } else if (c === '}' && (depth > 0 || word(i - 1))) {
      depth--;
    } else if (depth === 0) {
      if (c === ';' || c === '\n') return true;
      if (c === '|' && next === '|') return true;
      if (c === '&') {
        if (next === '&') i++;
        else if (text[i - 1] !== '>' && text[i - 1] !== '<' && next !== '>') return true;
      }
    }
  }
  return false;
}
