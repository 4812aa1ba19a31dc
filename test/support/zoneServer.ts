/** The zone server: the one fake server (fakeServer.ts) on UDP and TCP, under the names older tests use. */
export {
  startFakeServer as startZoneServer,
  type Behaviour,
  type FakeServer as ZoneServer,
  type FakeServerOptions as ZoneServerOptions,
  type ParsedQuery,
  type QuerySource,
  type ReceivedQuery,
  type RespondHook,
  type ZoneData,
  type ZoneRecord,
} from './fakeServer.js';
