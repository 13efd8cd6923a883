// Manifests arrive as JSON objects; people read them as YAML, so they are shown in YAML's block
// style. Strings that YAML would read as something else are quoted.

const PLAIN = /^[A-Za-z_/.][\w ./:@-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v);
  if (s !== '' && PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(' ') && !s.includes(': ')) return s;
  return JSON.stringify(s);
}

function isBlock(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
}

function emit(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (isBlock(item) && !Array.isArray(item)) {
        const lines: string[] = [];
        emit(item, `${indent}  `, lines);
        out.push(`${indent}- ${lines[0].trimStart()}`, ...lines.slice(1));
      } else if (isBlock(item)) {
        out.push(`${indent}-`);
        emit(item, `${indent}  `, out);
      } else {
        out.push(`${indent}- ${empty(item) ?? scalar(item)}`);
      }
    }
    return;
  }
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    const key = scalar(k);
    if (isBlock(val)) {
      out.push(`${indent}${key}:`);
      emit(val, Array.isArray(val) ? indent : `${indent}  `, out);
    } else if (typeof val === 'string' && val.includes('\n')) {
      out.push(`${indent}${key}: |${val.endsWith('\n') ? '' : '-'}`);
      for (const line of val.replace(/\n$/, '').split('\n')) out.push(line ? `${indent}  ${line}` : '');
    } else {
      out.push(`${indent}${key}: ${empty(val) ?? scalar(val)}`);
    }
  }
}

function empty(v: unknown): string | undefined {
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (typeof v === 'object' && v !== null && Object.keys(v).length === 0) return '{}';
  return undefined;
}

export function toYaml(v: unknown): string {
  if (!isBlock(v)) return `${empty(v) ?? scalar(v)}\n`;
  const out: string[] = [];
  emit(v, '', out);
  return `${out.join('\n')}\n`;
}
