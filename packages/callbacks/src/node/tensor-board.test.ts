import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallbackList } from '../callback-list.js';
import { crc32c } from '../tensorboard/crc32c.js';
import { tensorBoard } from './tensor-board.js';

// --- An independent reader: bitwise CRC-32C, TFRecord framing, protobuf wire format. ---
function crcBitwise(bytes: Uint8Array): number {
  let crc = ~0 >>> 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return ~crc >>> 0;
}
const mask = (crc: number) => (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;

function readRecords(file: Uint8Array): Uint8Array[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const records: Uint8Array[] = [];
  let at = 0;
  while (at < file.length) {
    const length = Number(view.getBigUint64(at, true));
    expect(view.getUint32(at + 8, true)).toBe(mask(crcBitwise(file.subarray(at, at + 8))));
    const data = file.subarray(at + 12, at + 12 + length);
    expect(view.getUint32(at + 12 + length, true)).toBe(mask(crcBitwise(data)));
    records.push(data);
    at += 16 + length;
  }
  return records;
}

type Field = { wire: number; value: number | bigint | Uint8Array };
function readFields(bytes: Uint8Array): Map<number, Field[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields = new Map<number, Field[]>();
  let at = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = bytes[at++] as number;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
      shift += 7n;
    }
  };
  while (at < bytes.length) {
    const key = Number(varint());
    const wire = key & 7;
    let value: Field['value'];
    if (wire === 0) value = varint();
    else if (wire === 1) {
      value = view.getFloat64(at, true);
      at += 8;
    } else if (wire === 5) {
      value = view.getFloat32(at, true);
      at += 4;
    } else if (wire === 2) {
      const n = Number(varint());
      value = bytes.subarray(at, at + n);
      at += n;
    } else throw new Error(`wire type ${wire}`);
    const list = fields.get(key >> 3) ?? [];
    list.push({ wire, value });
    fields.set(key >> 3, list);
  }
  return fields;
}

interface Scalar {
  step: number;
  tag: string;
  value: number;
}
async function readEvents(
  dir: string,
): Promise<{ name: string; version: string; scalars: Scalar[] }> {
  const [name] = await readdir(dir);
  const records = readRecords(new Uint8Array(await readFile(join(dir, name as string))));
  const first = readFields(records[0] as Uint8Array);
  const version = new TextDecoder().decode(first.get(3)?.[0]?.value as Uint8Array);
  const scalars = records.slice(1).map((record) => {
    const event = readFields(record);
    expect(typeof event.get(1)?.[0]?.value).toBe('number'); // wall_time double
    const summary = readFields(event.get(5)?.[0]?.value as Uint8Array);
    const value = readFields(summary.get(1)?.[0]?.value as Uint8Array);
    return {
      step: Number(event.get(2)?.[0]?.value ?? 0n),
      tag: new TextDecoder().decode(value.get(1)?.[0]?.value as Uint8Array),
      value: value.get(2)?.[0]?.value as number,
    };
  });
  return { name: name as string, version, scalars };
}

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tb-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('TensorBoard', () => {
  it('computes the standard CRC-32C check value', () => {
    // CRC-32C("123456789") = 0xE3069283 (RFC 3720, appendix B.4).
    const check = new TextEncoder().encode('123456789');
    expect(crc32c(check)).toBe(0xe3069283);
    expect(crcBitwise(check)).toBe(0xe3069283);
  });

  it('writes epoch scalars to train/ and validation/ that an independent reader reads back', async () => {
    const list = new CallbackList([tensorBoard({ logDir: dir })]);
    await list.onTrainBegin();
    await list.onEpochEnd(0, { loss: 0.5, accuracy: 0.25, val_loss: 0.75, val_accuracy: 0.125 });
    await list.onEpochEnd(1, { loss: 0.3, accuracy: 0.6, val_loss: 0.4, val_accuracy: 0.7 });
    await list.onTrainEnd();
    const train = await readEvents(join(dir, 'train'));
    const validation = await readEvents(join(dir, 'validation'));
    expect(train.name).toMatch(/^events\.out\.tfevents\.\d{10}\.\S+$/);
    expect([train.version, validation.version]).toEqual(['brain.Event:2', 'brain.Event:2']);
    // simple_value is a float32: values come back rounded to float32.
    const f = Math.fround;
    expect(train.scalars).toEqual([
      { step: 0, tag: 'epoch_loss', value: f(0.5) },
      { step: 0, tag: 'epoch_accuracy', value: f(0.25) },
      { step: 1, tag: 'epoch_loss', value: f(0.3) },
      { step: 1, tag: 'epoch_accuracy', value: f(0.6) },
    ]);
    expect(validation.scalars).toEqual([
      { step: 0, tag: 'epoch_loss', value: f(0.75) },
      { step: 0, tag: 'epoch_accuracy', value: f(0.125) },
      { step: 1, tag: 'epoch_loss', value: f(0.4) },
      { step: 1, tag: 'epoch_accuracy', value: f(0.7) },
    ]);
  });

  it('writes batch scalars every updateFreq batches with the global batch as step', async () => {
    const callback = tensorBoard({ logDir: dir, updateFreq: 2 });
    expect(callback.batchLogsEvery).toBe(2);
    const list = new CallbackList([callback]);
    await list.onTrainBegin();
    for (const epoch of [0, 1]) {
      for (let batch = 0; batch < 3; batch++) {
        // The engine computes logs every 2nd batch of an epoch.
        await list.onTrainBatchEnd(
          batch,
          (batch + 1) % 2 === 0 ? { loss: epoch + batch } : undefined,
        );
      }
      await list.onEpochEnd(epoch, { loss: 10 + epoch });
    }
    await list.onTrainEnd();
    const train = await readEvents(join(dir, 'train'));
    // Global batches 1..6; logs arrive at global 2 (epoch 0, batch 1) and 5 (epoch 1, batch 1).
    expect(train.scalars).toEqual([
      { step: 2, tag: 'batch_loss', value: 1 },
      { step: 0, tag: 'epoch_loss', value: 10 },
      { step: 5, tag: 'batch_loss', value: 2 },
      { step: 1, tag: 'epoch_loss', value: 11 },
    ]);
    expect(await readdir(dir)).toEqual(['train']);
  });

  it('validates updateFreq', () => {
    expect(() => tensorBoard({ updateFreq: 0 })).toThrow(
      "TensorBoard: `updateFreq` must be 'epoch' or a positive integer; received 0",
    );
  });
});
