import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseColour, colourPalette, type ColourContext } from '../../src/render/colour.js';

const tty = (env: ColourContext['env'] = {}, flag: ColourContext['flag'] = 'auto'): number =>
  chooseColour({ flag, isTTY: true, env });
const pipe = (env: ColourContext['env'] = {}, flag: ColourContext['flag'] = 'auto'): number =>
  chooseColour({ flag, isTTY: false, env });

test('chooseColour: auto colours a terminal only', () => {
  assert.equal(tty({ TERM: 'xterm' }), 1);
  assert.equal(tty({ TERM: 'xterm-256color' }), 2);
  assert.equal(tty({ TERM: 'xterm-256color', COLORTERM: 'truecolor' }), 3);
  assert.equal(pipe({ TERM: 'xterm-256color' }), 0);
  assert.equal(tty({ TERM: 'dumb' }), 0);
});

test('chooseColour: NO_COLOR (non-empty) turns colour off, FORCE_COLOR on', () => {
  assert.equal(tty({ NO_COLOR: '1' }), 0);
  assert.equal(tty({ NO_COLOR: '' }), 1, 'an empty NO_COLOR is ignored');
  assert.equal(pipe({ FORCE_COLOR: '1' }), 1);
  assert.equal(pipe({ FORCE_COLOR: '3' }), 3);
  assert.equal(pipe({ FORCE_COLOR: 'yes', TERM: 'xterm-256color' }), 2);
  assert.equal(tty({ FORCE_COLOR: '0' }), 0);
  assert.equal(tty({ FORCE_COLOR: 'false' }), 0);
  assert.equal(pipe({ FORCE_COLOR: '' }), 0, 'an empty FORCE_COLOR is ignored');
  assert.equal(pipe({ FORCE_COLOR: '1', NO_COLOR: '1' }), 1, 'forcing is the more specific request');
});

test('chooseColour: an explicit flag wins over the terminal and the environment', () => {
  assert.equal(pipe({}, 'always'), 1);
  assert.equal(pipe({ NO_COLOR: '1' }, 'always'), 1);
  assert.equal(pipe({ FORCE_COLOR: '0' }, 'always'), 1);
  assert.equal(tty({ FORCE_COLOR: '3' }, 'never'), 0);
  assert.equal(tty({ TERM: 'xterm-256color' }, 'never'), 0);
});

const strip = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

test('colourPalette: status colours by rcode, aa highlighted, text unchanged under the colour', async () => {
  const p = await colourPalette(1);
  assert.equal(p.status('NOERROR', 0), '\x1b[1m\x1b[32mNOERROR\x1b[39m\x1b[22m');
  assert.match(p.status('NXDOMAIN', 3), /\x1b\[33mNXDOMAIN/);
  assert.match(p.status('SERVFAIL', 2), /\x1b\[31mSERVFAIL/);
  assert.match(p.status('REFUSED', 5), /\x1b\[31mREFUSED/);
  assert.match(p.authoritative('aa'), /^\x1b\[1m\x1b\[32maa/);
  assert.match(p.nonAuthoritative('not authoritative'), /^\x1b\[2m/);
  for (const key of ['name', 'type', 'ttl', 'comment', 'error', 'warning'] as const) {
    const styled = p[key]('text');
    assert.notEqual(styled, 'text', key);
    assert.equal(strip(styled), 'text', key);
  }
});

test('colourPalette: level 0 adds nothing; 256-colour level still uses the basic codes', async () => {
  const none = await colourPalette(0);
  assert.equal(none.status('SERVFAIL', 2), 'SERVFAIL');
  assert.equal(none.name('example.com.'), 'example.com.');
  const rich = await colourPalette(2);
  assert.equal(rich.type('MX'), '\x1b[35mMX\x1b[39m');
});
