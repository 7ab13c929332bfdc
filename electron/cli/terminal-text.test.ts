import { describe, expect, it } from 'vitest';
import { stripTerminalControls, writeText } from './terminal-text';

describe('stripTerminalControls', () => {
  it('keeps plain text, newlines, tabs and non-ASCII letters', () => {
    expect(stripTerminalControls('a\tb\nc — ü 日本\n')).toBe('a\tb\nc — ü 日本\n');
  });

  it('removes CSI sequences: colours, cursor moves, screen clears', () => {
    expect(stripTerminalControls('\x1b[31mred\x1b[0m \x1b[2J\x1b[Hx\x1b[1;2H\x1b[?25l')).toBe(
      'red x',
    );
  });

  it('removes OSC strings ended by BEL or ST: titles, hyperlinks, the clipboard (OSC 52)', () => {
    expect(stripTerminalControls('a\x1b]0;owned\x07b')).toBe('ab');
    expect(stripTerminalControls('a\x1b]52;c;cm0gLXJmIH4=\x1b\\b')).toBe('ab');
    expect(stripTerminalControls('\x1b]8;;http://x\x07link\x1b]8;;\x07')).toBe('link');
    // An unterminated string swallows the rest rather than leaking it to the terminal.
    expect(stripTerminalControls('ok\x1b]0;never ends')).toBe('ok');
  });

  it('removes DCS and other string sequences, two-character escapes and a trailing ESC', () => {
    expect(stripTerminalControls('a\x1bPq#0;2;0;0;0\x1b\\b')).toBe('ab');
    expect(stripTerminalControls('a\x1b7b\x1b8c\x1bcd\x1b(Be\x1b')).toBe('abcde');
  });

  it('removes the 8-bit forms (C1 CSI and OSC) and every other C0/C1 control and DEL', () => {
    expect(stripTerminalControls('a\x9b31mb\x9d0;t\x07c')).toBe('abc');
    // ESC h is a two-character escape: the h goes with it.
    expect(stripTerminalControls('a\x00b\x07c\x08d\x7fe\x85f\x0cg\x1bh')).toBe('abcdefg');
  });

  it('keeps CRLF as a line end and drops a lone CR that would overwrite the line', () => {
    expect(stripTerminalControls('ok\r\nfine\rEVIL\n')).toBe('ok\nfineEVIL\n');
  });

  it('removes bidi controls that reorder what is shown (Trojan Source)', () => {
    expect(stripTerminalControls('rm \u202e-rf\u202c /\u2066x\u2069')).toBe('rm -rf /x');
  });
});

describe('writeText', () => {
  const sink = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, isTTY, write: (t: string) => out.push(t) };
  };

  it('strips for a terminal and writes exactly to a pipe or a file', () => {
    const tty = sink(true);
    const pipe = sink(false);
    writeText(tty, 'x\x1b[2Jy\n');
    writeText(pipe, 'x\x1b[2Jy\n');
    expect(tty.out).toEqual(['xy\n']);
    expect(pipe.out).toEqual(['x\x1b[2Jy\n']);
  });
});
