/**
 * Why JSON.parse failed, without the text around the failure: V8 quotes the input, and the input may
 * be a VPN connection with its pre-shared keys.
 */
export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = (message.replace(/^Unexpected token '[\s\S]'/, 'Unexpected character').split('"')[0] ?? '')
    .replace(/\s*in JSON at position \d+[\s\S]*$/, '')
    .replace(/[\s,]+$/, '')
    .slice(0, 120);
  const position = /at position (\d+)/.exec(message);
  if (!position) return `invalid JSON: ${reason}`;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `invalid JSON at line ${line}, column ${column}: ${reason}`;
}
