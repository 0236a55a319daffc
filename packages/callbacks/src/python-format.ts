import { ValueError } from '@dendrite/tensor';

/**
 * Writes a number the way Python's `repr(float)` does (shortest round-trip digits, `1.0` for
 * whole numbers, exponent form below 1e-4 and from 1e16, `nan`, `inf`), so logs written here
 * read like Keras' files.
 * @example pythonFloatRepr(1e-5) // '1e-05'; pythonFloatRepr(2) // '2.0'
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    let text: string;
    if (exponent < 0) {
      text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
    } else if (digits.length > exponent + 1) {
      text = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
    } else {
      text = `${digits}${'0'.repeat(exponent + 1 - digits.length)}.0`;
    }
    return sign + text;
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${head}e${pythonExponent(exponent)}`;
}

function pythonExponent(exponent: number): string {
  return `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

// Python rounds exact binary ties to even ('{:.0f}'.format(2.5) == '2'); toFixed rounds them up.
function toFixedHalfEven(magnitude: number, precision: number): string {
  const rounded = magnitude.toFixed(precision);
  if (precision >= 100 || magnitude >= 1e21) return rounded;
  const exact = magnitude.toFixed(100);
  const dot = exact.indexOf('.');
  if (!/^50*$/.test(exact.slice(dot + 1 + precision))) return rounded;
  const truncated = exact.slice(0, precision === 0 ? dot : dot + 1 + precision);
  const last = Number(truncated[truncated.length - 1]);
  return last % 2 === 0 ? truncated : rounded;
}

function formatSpec(name: string, value: number, spec: string, integer: boolean): string {
  const match = /^(0)?(\d+)?(?:\.(\d+))?([dfFeEs%])?$/.exec(spec);
  if (!match) throw new ValueError(`Invalid format specifier '${spec}' for \`${name}\``);
  const [, zero, widthText, precisionText, type] = match;
  const precision = precisionText === undefined ? 6 : Number(precisionText);
  let body: string;
  const magnitude = Math.abs(value);
  switch (type) {
    case 'd':
      if (!Number.isInteger(value)) {
        throw new ValueError(`Unknown format code 'd' for \`${name}\` = ${value} (not an integer)`);
      }
      body = String(magnitude);
      break;
    case 'f':
    case 'F':
      body = Number.isFinite(magnitude)
        ? toFixedHalfEven(magnitude, precision)
        : pythonFloatRepr(magnitude);
      break;
    case 'e':
    case 'E': {
      if (!Number.isFinite(magnitude)) {
        body = pythonFloatRepr(magnitude);
        break;
      }
      const [m = '', e = '0'] = magnitude.toExponential(precision).split('e');
      body = `${m}e${pythonExponent(Number(e))}`;
      if (type === 'E') body = body.toUpperCase();
      break;
    }
    case '%':
      body = `${toFixedHalfEven(magnitude * 100, precision)}%`;
      break;
    default:
      body =
        precisionText !== undefined
          ? magnitude.toPrecision(Number(precisionText))
          : integer
            ? String(magnitude)
            : pythonFloatRepr(magnitude);
  }
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const width = widthText === undefined ? 0 : Number(widthText);
  if (zero) return sign + body.padStart(width - sign.length, '0');
  return (sign + body).padStart(width, ' ');
}

const FIELD = /\{\{|\}\}|\{([^{}:]*)(?::([^{}]*))?\}/g;

/**
 * The `{name}` / `{name:spec}` fields of a Python `str.format` template, in order (escaped
 * braces skipped).
 * @example templateFields('w-{epoch:02d}') // [{ name: 'epoch', spec: '02d' }]
 */
export function templateFields(template: string): { name: string; spec: string }[] {
  const fields: { name: string; spec: string }[] = [];
  for (const match of template.matchAll(FIELD)) {
    if (match[0] === '{{' || match[0] === '}}') continue;
    fields.push({ name: match[1] ?? '', spec: match[2] ?? '' });
  }
  return fields;
}

/**
 * Fills a Python `str.format` template such as `'ckpt-{epoch:02d}-{val_loss:.2f}'` (fields
 * `{name}` and `{name:spec}` with specs like `02d`, `.2f`, `.4e`; `{{`/`}}` escape braces).
 * Names in `integers` print as integers when no spec is given, the rest like Python floats.
 * @example formatPythonTemplate('w-{epoch:02d}-{loss:.2f}', { epoch: 3, loss: 0.4567 }) // 'w-03-0.46'
 */
export function formatPythonTemplate(
  template: string,
  values: Readonly<Record<string, number>>,
  integers: ReadonlySet<string> = new Set(['epoch', 'batch']),
): string {
  return template.replace(FIELD, (whole, name, spec) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const key = name as string;
    // Own keys only: `{constructor}` must not reach Object.prototype.
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    if (typeof value !== 'number') {
      throw new ValueError(
        `Failed to format the path template "${template}": no value for {${key}}; ` +
          `available: ${Object.keys(values).join(', ')}`,
      );
    }
    return formatSpec(key, value, (spec as string | undefined) ?? '', integers.has(key));
  });
}
