/** The in-memory network of the one fake server (fakeServer.ts), under the names the resolver tests use. */
export {
  fakeNetwork,
  record,
  withRecords,
  zone,
  type FakeNetwork,
  type ServerSpec as FakeServer,
} from '../support/fakeServer.js';
