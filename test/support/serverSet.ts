/** Zone servers started together on loopback, all on one port (dig's -p applies to every server a walk asks). */
import { choosePort } from './ports.js';
import { type Behaviour, type RespondHook, startZoneServer, type ZoneServer } from './zoneServer.js';
import type { ZoneData } from './zoneAnswer.js';

/** One server of a set: its address and what it serves or does. */
export interface SetServerSpec {
  address: string;
  zones: ZoneData[];
  behaviour?: Behaviour;
  respond?: RespondHook;
  /** UDP only: TCP connections are refused. */
  udpOnly?: boolean;
}

/**
 * Starts one server per spec on one port (`port`, or one free on every address in `addresses`), in
 * order; when a chosen port turns out taken, closes what it started and tries another (up to 5 times).
 */
export async function startServerSet(
  specs: readonly SetServerSpec[],
  addresses: readonly string[],
  port?: number,
): Promise<{ port: number; started: ZoneServer[] }> {
  for (let attempt = 0; ; attempt++) {
    const chosen = port || (await choosePort([...addresses]));
    const started: ZoneServer[] = [];
    try {
      for (const spec of specs)
        started.push(
          await startZoneServer({
            address: spec.address,
            port: chosen,
            zones: spec.zones,
            behaviour: spec.behaviour,
            respond: spec.respond,
            ...(spec.udpOnly && { transports: ['udp' as const] }),
          }),
        );
      return { port: chosen, started };
    } catch (error) {
      await Promise.all(started.map((s) => s.close()));
      if (port || attempt >= 5 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}
