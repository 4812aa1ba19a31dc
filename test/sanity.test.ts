import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExitCode } from '../src/errors.js';
test('exit codes are dig\'s', () => { assert.equal(ExitCode.noReply, 9); });
