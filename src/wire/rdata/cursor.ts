/** Sequential, bounds-checked reading of one uncompressed RDATA, for the per-type decoders. */

import { readName, WireError } from '../reader.js';

/** Reads the fields of one RDATA in order; every read throws WireError (naming the type and field) when data runs out. */
export class RdataCursor {
  pos = 0;

  constructor(
    readonly data: Uint8Array,
    /** The type's mnemonic, for error messages. */
    readonly typeLabel: string,
  ) {}

  /** Octets not read yet. */
  get left(): number {
    return this.data.length - this.pos;
  }

  /** Throws unless `count` more octets are there. */
  need(count: number, what: string): void {
    if (this.left < count) throw new WireError(`${this.typeLabel} ${what} runs past end of record data`);
  }

  u8(what: string): number {
    this.need(1, what);
    return this.data[this.pos++];
  }

  u16(what: string): number {
    this.need(2, what);
    const value = (this.data[this.pos] << 8) | this.data[this.pos + 1];
    this.pos += 2;
    return value;
  }

  u32(what: string): number {
    this.need(4, what);
    const d = this.data;
    const value = ((d[this.pos] << 24) >>> 0) + ((d[this.pos + 1] << 16) | (d[this.pos + 2] << 8) | d[this.pos + 3]);
    this.pos += 4;
    return value;
  }

  /** Skips `count` octets and returns where they start: for fields read in place (addresses), without a copy or view. */
  skip(count: number, what: string): number {
    this.need(count, what);
    const at = this.pos;
    this.pos += count;
    return at;
  }

  bytes(count: number, what: string): Uint8Array {
    this.need(count, what);
    const out = this.data.subarray(this.pos, this.pos + count);
    this.pos += count;
    return out;
  }

  /** All remaining octets. */
  rest(): Uint8Array {
    return this.bytes(this.left, 'data');
  }

  /** An uncompressed name, in presentation format. */
  name(what: string): string {
    try {
      const name = readName(this.data, this.pos, this.data.length, false, false);
      this.pos = name.next;
      return name.text;
    } catch (error) {
      if (error instanceof WireError) throw new WireError(`${this.typeLabel} ${what}: ${error.reason}`);
      throw error;
    }
  }

  /** A length-prefixed character-string, raw bytes. */
  string(what: string): Uint8Array {
    const length = this.u8(what);
    return this.bytes(length, what);
  }

  /** Throws unless the data is exactly `size` octets (fixed-size types). */
  fixedLength(size: number): void {
    if (this.data.length !== size)
      throw new WireError(`${this.typeLabel} data is ${this.data.length} bytes, must be ${size}`);
  }

  /** Throws when octets are left over: the record is longer than its type allows. */
  done(): void {
    if (this.left > 0) throw new WireError(`${this.typeLabel} data has ${this.left} unexpected trailing bytes`);
  }
}
