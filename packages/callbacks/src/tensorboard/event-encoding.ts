import { maskedCrc32c } from './crc32c.js';

const encoder = new TextEncoder();

function varint(value: number): number[] {
  // Steps and lengths are non-negative integers below 2^53.
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

function lengthDelimited(field: number, payload: Uint8Array): number[] {
  return [(field << 3) | 2, ...varint(payload.length), ...payload];
}

function event(wallTime: number, step: number, body: number[]): Uint8Array {
  const time = new Uint8Array(8);
  new DataView(time.buffer).setFloat64(0, wallTime, true);
  return Uint8Array.from([(1 << 3) | 1, ...time, (2 << 3) | 0, ...varint(step), ...body]);
}

/**
 * The first `Event` of every event file: `file_version: "brain.Event:2"`.
 * @example encodeFileVersionEvent(Date.now() / 1000)
 */
export function encodeFileVersionEvent(wallTime: number): Uint8Array {
  return event(wallTime, 0, lengthDelimited(3, encoder.encode('brain.Event:2')));
}

/**
 * An `Event` holding one scalar: `summary { value { tag, simple_value } }` at `step`.
 * @example encodeScalarEvent(Date.now() / 1000, 3, 'epoch_loss', 0.25)
 */
export function encodeScalarEvent(
  wallTime: number,
  step: number,
  tag: string,
  value: number,
): Uint8Array {
  const simple = new Uint8Array(4);
  new DataView(simple.buffer).setFloat32(0, value, true);
  const summaryValue = Uint8Array.from([
    ...lengthDelimited(1, encoder.encode(tag)),
    (2 << 3) | 5,
    ...simple,
  ]);
  const summary = Uint8Array.from(lengthDelimited(1, summaryValue));
  return event(wallTime, step, lengthDelimited(5, summary));
}

/**
 * Frames `data` as one TFRecord: uint64 length, masked CRC-32C of the length, data, masked
 * CRC-32C of the data (all little-endian).
 * @example frameRecord(encodeFileVersionEvent(0))
 */
export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length + 4);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}
