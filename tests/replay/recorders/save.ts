// Writes a recorded history where the replay gate reads it (tests/replay/histories/).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export function save(name: string, history: Parameters<typeof historyToJSON>[0]): string {
  const file = path.join(__dirname, '..', 'histories', `${name}.json`);
  writeFileSync(file, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
  return path.relative(process.cwd(), file);
}
