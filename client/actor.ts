// The actor a workflow or record is given: the key's name and role and nothing else. A caller
// also carries its key's scope (which banks, which organisation): that is configuration, and
// passed whole it would land in every case's history. Every client call that hands a caller
// to a workflow goes through here, so no call site can forget.
import type { Actor } from '../workflows/definitions';

export function actorOf(caller: Actor): Actor {
  return { id: caller.id, role: caller.role };
}
