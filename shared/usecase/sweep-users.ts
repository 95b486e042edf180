/**
 * "In use by" for one work item of the fanned-out sweep (./sweep-work.ts): the item records which certificate
 * ARNs its resources name, and its certificates (IAM server certificates, Private CAs) learn the users every item
 * recorded (state/certificate-users.ts). Generic: the families say which ARNs they look for (FamilyInputs.usedArn)
 * and how users join their records (joinUsers); no family pair is named here.
 */
import { arnsNamedBy } from '../certificates/in-use.js';
import { FAMILIES } from '../families/index.js';
import { joinUsers } from '../inventory/link.js';
import type { Resource } from '../model/resource.js';
import type { CertificateUse, CertificateUsers } from '../state/certificate-users.js';

const joining = FAMILIES.filter((family) => family.inputs.usedArn && family.inputs.joinUsers);
const wanted = (text: string) => joining.some((family) => family.inputs.usedArn?.(text));
const certificateTypes = new Set<string>(joining.flatMap((family) => family.resourceTypes));

/** A recorded user, as joinUsers sees it: a record that names the ARN. */
const USER_TYPE = 'transit-guard::RecordedUser';

/** Records the uses the page's resources show, then returns the page with its certificates joined to their users. */
export async function withRecordedUsers(
  store: CertificateUsers,
  resources: readonly Resource[],
  now: Date,
): Promise<Resource[]> {
  const uses: CertificateUse[] = [];
  for (const resource of resources) {
    if (certificateTypes.has(resource.resourceType)) continue;
    for (const arn of arnsNamedBy(resource, wanted)) uses.push({ arn, user: resource.resourceId });
  }
  if (uses.length > 0) await store.record(uses, now);
  return withStoredUsers(store, resources, now);
}

/**
 * The resources with their certificates joined to the users the sweep recorded, recording nothing: an event's
 * inspection of a certificate (./inspect.ts) judges it with the users the sweep's findings name.
 */
export async function withStoredUsers(
  store: Pick<CertificateUsers, 'usersOf'>,
  resources: readonly Resource[],
  now: Date,
): Promise<Resource[]> {
  const own: string[] = [];
  for (const resource of resources) {
    if (certificateTypes.has(resource.resourceType))
      own.push(...arnsNamedBy(resource, wanted), resource.resourceId);
  }
  const ownArns = own.filter(wanted);
  if (ownArns.length === 0) return [...resources];
  const recorded = await store.usersOf(ownArns, now);
  if (recorded.size === 0) return [...resources];
  const stand = [...recorded].flatMap(([arn, users]) =>
    users.map((user) => ({ resourceType: USER_TYPE, resourceId: user, uses: arn }) as unknown as Resource),
  );
  return joinUsers([...resources, ...stand]).slice(0, resources.length);
}
