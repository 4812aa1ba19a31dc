/** +watch[=SECONDS], +until=VALUE and +deadline=SECONDS: repeat one query and report what changes. */
import { InputError } from '../errors.js';
import type { PlusOptionUse, PlusTarget } from './plusOptions.js';
import { parseDecimal } from './strictNumber.js';

/** Seconds between the queries of a +watch without a value. */
export const DEFAULT_WATCH_SECONDS = 2;

function seconds(use: PlusOptionUse): number {
  const value = parseDecimal(use.value ?? '', 1, 86400);
  if (value === undefined)
    throw new InputError(`invalid +${use.spec.name} value '${use.value}' (seconds, 1-86400)`, 'input.option');
  return value;
}

type Handler = (target: PlusTarget, use: PlusOptionUse) => void;

/** Handlers of the watch options; +until and +deadline start a watch too, at the default interval. */
export const WATCH_HANDLERS: Readonly<Record<'watch' | 'until' | 'deadline', Handler>> = {
  watch: ({ settings }, use) => {
    if (!use.state) {
      delete settings.watch;
      return;
    }
    settings.watch = { ...settings.watch, seconds: use.value === undefined ? DEFAULT_WATCH_SECONDS : seconds(use) };
  },
  until: ({ settings }, use) => {
    if (!use.state) {
      if (settings.watch) settings.watch = { seconds: settings.watch.seconds, deadline: settings.watch.deadline };
      return;
    }
    settings.watch = { seconds: DEFAULT_WATCH_SECONDS, ...settings.watch, until: use.value ?? '' };
  },
  deadline: ({ settings }, use) => {
    if (!use.state) {
      if (settings.watch) settings.watch = { seconds: settings.watch.seconds, until: settings.watch.until };
      return;
    }
    settings.watch = { seconds: DEFAULT_WATCH_SECONDS, ...settings.watch, deadline: seconds(use) };
  },
};
