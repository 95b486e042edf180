import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../../../shared/families/index.js';
import { configTypesOf } from '../../../../shared/inventory/live/port.js';

/**
 * The IAM action names of the SDK commands a family's readers send (`new XCommand(` in its live.ts, and its other
 * *-live.ts files): the operation name, except for API Gateway, which authorizes by HTTP method (every Get* is
 * apigateway:GET), and S3's ListBuckets.
 */
function commandsSent(familyId: string): string[] {
  const folder = `shared/families/${familyId}/`;
  const files = readdirSync(folder).filter((file) => file === 'live.ts' || file.endsWith('-live.ts'));
  const source = files.map((file) => readFileSync(`${folder}${file}`, 'utf8')).join('\n');
  const commands = [...source.matchAll(/new (\w+)Command\(/g)].map((match) => match[1] ?? '');
  // S3's ListBuckets is authorized by s3:ListAllMyBuckets (Service Authorization Reference, list_amazons3.html).
  const action = (command: string) =>
    familyId === 'apigateway'
      ? command.replace(/^Get\w*$/, 'GET')
      : command.replace(/^ListBuckets$/, familyId === 's3' ? 'ListAllMyBuckets' : 'ListBuckets');
  return [...new Set(commands.map(action))].sort();
}

describe('Family.live of each family in the registry', () => {
  it.each(FAMILIES.map((family) => [family.id, family] as const))(
    '%s is granted the IAM action of every read call its readers send, and no other',
    (id, family) => {
      // Act: the read statements the generated IAM gives the inspector and sweep roles (deployment.ts).
      const granted = (family.deployment?.reads ?? []).flatMap((statement) => statement.actions);
      const actions = [...new Set(granted.map((action) => action.slice(action.indexOf(':') + 1)))].sort();
      const prefixes = new Set(granted.map((action) => action.slice(0, action.indexOf(':'))));

      // Assess
      expect(actions).toEqual(commandsSent(id));
      // One service each, and at most one more that the family declares (IoT reads Greengrass core devices).
      const undeclared = [...prefixes].filter((prefix) => !family.deployment?.services.includes(prefix));
      expect(undeclared.length).toBeLessThanOrEqual(1);
      expect(prefixes.size).toBeLessThanOrEqual(2);
    },
  );

  it.each(FAMILIES.map((family) => [family.id, family] as const))(
    '%s loads a client and readers, and reads only Config types it owns',
    async (_id, family) => {
      // Act
      const [client, readers] = await Promise.all([family.live.client(), family.live.readers()]);

      // Assess
      expect(typeof client).toBe('function');
      expect(typeof readers.read).toBe('function');
      expect(typeof readers.sweep).toBe('function');
      for (const type of configTypesOf(family)) expect(family.resourceTypes).toContain(type);
    },
  );
});
