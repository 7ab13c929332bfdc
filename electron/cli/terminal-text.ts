/**
 * Text from remote hosts (command output, error messages, names) printed to a terminal. A host
 * that is compromised, or an account's file name, could otherwise drive the admin's terminal:
 * clear or rewrite lines, retitle the window, set the clipboard (OSC 52), hide text, or reorder
 * it with bidi overrides. So every escape sequence (CSI, OSC, DCS and the like, in 7-bit and
 * 8-bit forms) and every other control character is removed, except newline and tab; `\r\n`
 * stays a line end, a lone `\r` (which overwrites the line) goes.
 */

/* eslint-disable no-control-regex -- matching control characters is the point of this file */
/** ESC-introduced sequences: CSI, OSC/DCS/SOS/PM/APC strings (up to BEL or ST), and 2-char escapes. */
const ESCAPE_SEQUENCE =
  /\x1b(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)|[ -/]*[0-~]|$)/g;
/** 8-bit forms: CSI (0x9b) and the string introducers (0x90, 0x98, 0x9d-0x9f) up to BEL or ST. */
const C1_SEQUENCE = /\x9b[0-?]*[ -/]*[@-~]|[\x90\x98\x9d-\x9f][\s\S]*?(?:\x07|\x9c|\x1b\\|$)/g;
/** Every other control character but \n and \t (C0, DEL, C1), and the bidi controls. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

/** `text` without terminal controls (see the file comment). */
export function stripTerminalControls(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(C1_SEQUENCE, '')
    .replace(/\r\n/g, '\n')
    .replace(CONTROL, '');
}

/** The part of a Node stream the CLI writes to. */
export interface TextSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Writes `text` to `sink`, stripped of terminal controls when the sink is a terminal; to a pipe
 * or a file it goes exact.
 */
export function writeText(sink: TextSink, text: string): void {
  sink.write(sink.isTTY === true ? stripTerminalControls(text) : text);
}
