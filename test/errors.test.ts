import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BadPacketError,
  BatchFileError,
  ExchangeError,
  InputError,
  isAborted,
  isMalformed,
  isRefused,
  isTimeout,
  TsdigError,
} from '../src/errors.js';
import { TransportError } from '../src/transport/types.js';
import { WireEndError, WireError } from '../src/wire/reader.js';

test('every error tsdig raises is a TsdigError with a stable code and its own name', () => {
  const errors: Array<[TsdigError, string, string]> = [
    [new InputError('bad'), 'input.invalid', 'InputError'],
    [new InputError('bad port', 'input.port'), 'input.port', 'InputError'],
    [new BatchFileError('gone'), 'input.batchfile', 'BatchFileError'],
    [new BadPacketError('answer record 1: short'), 'wire.malformed', 'BadPacketError'],
    [new TransportError('timeout', 'timed out'), 'transport.timeout', 'TransportError'],
    [new TransportError('certificate', 'expired'), 'transport.certificate', 'TransportError'],
    [new ExchangeError('refused', 'connection refused'), 'transport.refused', 'ExchangeError'],
    [new ExchangeError('malformed', 'bad packet: short'), 'wire.malformed', 'ExchangeError'],
    [new WireError('name too long'), 'wire.malformed', 'WireError'],
    [new WireEndError('ran out'), 'wire.malformed', 'WireEndError'],
  ];
  for (const [error, code, name] of errors) {
    assert.ok(error instanceof TsdigError, name);
    assert.ok(error instanceof Error, name);
    assert.equal(error.code, code, name);
    assert.equal(error.name, name);
  }
  assert.equal(new WireError('name too long').reason, 'name too long');
  assert.equal(new ExchangeError('timeout', 'timed out').kind, 'timeout');
});

test('the predicates read the code: a transport failure and the exchange it ended are judged alike', () => {
  assert.ok(isTimeout(new TransportError('timeout', 'timed out')));
  assert.ok(isTimeout(new ExchangeError('timeout', 'timed out')));
  assert.ok(isRefused(new TransportError('refused', 'connection refused')));
  assert.ok(isRefused(new ExchangeError('refused', 'connection refused')));
  assert.ok(isAborted(new TransportError('aborted', 'aborted')));
  assert.ok(isMalformed(new ExchangeError('malformed', 'bad packet: short')));
  assert.ok(isMalformed(new BadPacketError('short')));
  assert.ok(!isTimeout(new ExchangeError('refused', 'connection refused')));
  assert.ok(!isRefused(new ExchangeError('timeout', 'timed out')));
  assert.ok(!isAborted(new ExchangeError('timeout', 'timed out')));
  assert.ok(!isMalformed(new InputError('bad')));
});

test('the predicates do not guess from an error shaped like one of ours', () => {
  const lookalike = Object.assign(new Error('timed out'), { kind: 'timeout', code: 'transport.timeout' });
  for (const predicate of [isTimeout, isRefused, isAborted, isMalformed]) {
    assert.equal(predicate(lookalike), false, predicate.name);
    assert.equal(predicate(undefined), false, predicate.name);
    assert.equal(predicate('transport.timeout'), false, predicate.name);
  }
});
