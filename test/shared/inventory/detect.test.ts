import { describe, expect, it } from 'vitest';
import { normalizeConfigItemsFile, normalizeDocument } from '../../../shared/inventory/detect.js';
import { fixture, SHOP_HTTP, SHOP_HTTPS } from './fixtures.js';

/** The file's bytes read item by item, and its parsed text normalized whole: what loadInventory chooses between. */
function bothWays(document: unknown, text = JSON.stringify(document)) {
  return {
    streamed: normalizeConfigItemsFile(Buffer.from(text), 'items.json'),
    whole: normalizeDocument(JSON.parse(text), 'items.json'),
  };
}

describe('normalizeDocument', () => {
  it('detects the format from the content, whatever the file is called', () => {
    // Prepare
    const listeners = fixture('elbv2-describe-listeners.json');

    // Act
    const inventory = normalizeDocument(listeners, 'acm-certificates.json');

    // Assess
    expect(inventory.resources.map((resource) => resource.resourceType)).toEqual([
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::ElasticLoadBalancingV2::Listener',
    ]);
    expect(inventory.resources[0]?.source).toBe('acm-certificates.json (elbv2 describe-listeners)');
  });

  it('names the source and the recognized top-level keys for an unknown document', () => {
    // Prepare
    const instances = { Reservations: [{ Instances: [{ InstanceId: 'i-0a1b2c3d4e5f60718' }] }] };

    // Act
    const inventory = normalizeDocument(instances, 'instances.json');

    // Assess
    expect(inventory.resources).toEqual([]);
    expect(inventory.errors).toHaveLength(1);
    expect(inventory.errors[0]?.source).toBe('instances.json');
    expect(inventory.errors[0]?.message).toMatch(/^not a recognized input: expected /);
    for (const key of [
      'configurationItems',
      'Listeners',
      'LoadBalancerDescriptions',
      'VpnConnections',
      'lags',
    ]) {
      expect(inventory.errors[0]?.message).toContain(key);
    }
    expect(inventory.errors[0]?.message).toMatch(/found an object with the keys Reservations$/);
  });

  it.each([
    ['a list of strings (a --query output)', ['ELBSecurityPolicy-2016-08'], 'found a list of 1 entry'],
    ['a number', 42, 'found a number'],
    ['null', null, 'found null'],
    ['an empty object', {}, 'found an empty object'],
  ])('reports %s as unrecognized', (_what, document, found) => {
    // Prepare, Act
    const inventory = normalizeDocument(document, 'odd.json');

    // Assess
    expect(inventory.errors[0]?.message).toContain(found);
  });

  it('reads an empty list as zero configuration items', () => {
    // Prepare, Act
    const inventory = normalizeDocument([], 'empty.json');

    // Assess
    expect(inventory).toEqual({ resources: [], errors: [], tlsPolicies: [] });
  });

  it('reads every recognized key of a document that holds several outputs', () => {
    // Prepare
    const combined = {
      ...fixture('elbv2-describe-listeners.json'),
      ...fixture('elbv2-describe-load-balancers.json'),
      ...fixture('elbv2-describe-rules.json'),
    };

    // Act
    const inventory = normalizeDocument(combined, 'combined.json');

    // Assess
    expect(inventory.resources).toHaveLength(3);
    expect(inventory.pending?.loadBalancers).toHaveLength(2);
    expect(inventory.pending?.rules).toHaveLength(3);
  });

  it('reports a list entry that is not an object and reads the rest', () => {
    // Prepare
    const listeners = structuredClone(fixture('elbv2-describe-listeners.json'));
    listeners.Listeners.splice(1, 0, 'listener');

    // Act
    const inventory = normalizeDocument(listeners, 'listeners.json');

    // Assess
    expect(inventory.errors).toEqual([
      {
        source: 'listeners.json',
        message: 'elbv2 describe-listeners: Listeners[1]: expected an object; the entry is left out',
      },
    ]);
    expect(inventory.resources).toHaveLength(3);
  });

  it('reports a top-level key of the wrong shape with its path', () => {
    // Prepare, Act
    const inventory = normalizeDocument({ Listeners: { ListenerArn: SHOP_HTTPS } }, 'listeners.json');

    // Assess
    expect(inventory.errors).toEqual([
      {
        source: 'listeners.json',
        message:
          'elbv2 describe-listeners: Listeners: expected a list, got an object; the output is left out',
      },
    ]);
  });
});

describe('normalizeDocument wrappers', () => {
  it('unwraps a placebo recording {status_code, data}', () => {
    // Prepare
    const recording = {
      status_code: 200,
      data: { ...fixture('elbv2-describe-listeners.json'), ResponseMetadata: {} },
    };

    // Act
    const inventory = normalizeDocument(recording, 'elasticloadbalancing.DescribeListeners_1.json');

    // Assess
    expect(inventory.resources).toHaveLength(3);
  });

  it('reports a recorded API error as not resource data', () => {
    // Prepare
    const recording = {
      status_code: 400,
      data: {
        Error: { Message: 'Certificate arn:aws:acm:... is in use.', Code: 'ResourceInUseException' },
        ResponseMetadata: { HTTPStatusCode: 400 },
      },
    };

    // Act
    const inventory = normalizeDocument(recording, 'acm.DeleteCertificate_1.json');

    // Assess
    expect(inventory.errors).toEqual([
      {
        source: 'acm.DeleteCertificate_1.json',
        message: 'not resource data: a recorded API error response (HTTP 400 ResourceInUseException)',
      },
    ]);
  });

  it('reads the output of a botocore API example', () => {
    // Prepare
    const example = {
      input: {
        LoadBalancerArn:
          'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shop-alb/1a2b3c4d5e6f7a8b',
      },
      output: { Listeners: [fixture('elbv2-describe-listeners.json').Listeners[1]] },
      comments: { input: {}, output: {} },
      description: 'This example describes the listeners for the specified load balancer.',
      id: 'elbv2-describe-listeners-1',
      title: 'To describe a listener',
    };

    // Act
    const inventory = normalizeDocument(example, 'examples-1.json');

    // Assess
    expect(inventory.resources.map((resource) => resource.resourceId)).toEqual([SHOP_HTTP]);
  });

  it('reads the item of an EventBridge "Config Configuration Item Change" event', () => {
    // Prepare
    const event = {
      version: '0',
      id: '2f1d3a8b-7c6e-4f5a-9b0d-1e2c3f4a5b6c',
      'detail-type': 'Config Configuration Item Change',
      source: 'aws.config',
      account: '111122223333',
      time: '2026-11-21T09:49:11Z',
      region: 'eu-west-1',
      resources: ['arn:aws:ec2:eu-west-1:111122223333:vpn-connection/vpn-0f405162738495a6b'],
      detail: {
        recordVersion: '1.3',
        messageType: 'ConfigurationItemChangeNotification',
        configurationItem: fixture('config-item-vpn-telemetry-only.json'),
      },
    };

    // Act
    const inventory = normalizeDocument(event, 'event.json');

    // Assess
    expect(inventory.resources.map((resource) => resource.resourceId)).toEqual(['vpn-0f405162738495a6b']);
  });

  it('reads BatchGetResourceConfig output', () => {
    // Prepare
    const [certificate] = fixture('config-items.json');
    const output = { baseConfigurationItems: [certificate], unprocessedResourceKeys: [] };

    // Act
    const inventory = normalizeDocument(output, 'batch.json');

    // Assess
    expect(inventory.resources[0]?.source).toBe('batch.json (AWS Config BatchGetResourceConfig)');
  });
});

describe('normalizeConfigItemsFile', () => {
  it.each([
    ['compact', (value: unknown) => JSON.stringify(value)],
    ['pretty-printed', (value: unknown) => JSON.stringify(value, null, 2)],
  ])('normalizes a %s snapshot as normalizeDocument does the parsed file', (_how, write) => {
    // Prepare
    const snapshot = fixture('config-snapshot.json');

    // Act
    const { streamed, whole } = bothWays(snapshot, write(snapshot));

    // Assess
    expect(whole.resources.length).toBeGreaterThan(3);
    expect(streamed).toEqual(whole);
  });

  it('reports entries that are not objects first, then what is wrong with items, as normalizeDocument does', () => {
    // Prepare
    const snapshot = structuredClone(fixture('config-snapshot.json'));
    snapshot.configurationItems[2].configuration = '{"not": json';
    snapshot.configurationItems.splice(4, 0, 42, null);

    // Act
    const { streamed, whole } = bothWays(snapshot);

    // Assess
    expect(
      whole.errors.map((error) => error.message.replace(/:.*?(configurationItems\[\d\]).*$/, ': $1')),
    ).toEqual([
      'AWS Config snapshot: configurationItems[4]',
      'AWS Config snapshot: configurationItems[5]',
      'AWS Config snapshot: configurationItems[2]',
      expect.stringMatching(/^AWS Config snapshot: oversized configuration item /),
    ]);
    expect(streamed).toEqual(whole);
  });

  it('tells a snapshot from GetResourceConfigHistory output by members written after the list too', () => {
    // Prepare
    const { fileVersion, configSnapshotId, configurationItems } = fixture('config-snapshot.json');
    const idLast = { configurationItems, fileVersion, configSnapshotId };
    const history = { configurationItems, nextToken: 'abc' };

    // Act
    const snapshotRead = bothWays(idLast);
    const historyRead = bothWays(history);

    // Assess
    expect(snapshotRead.whole.resources[0]?.source).toBe('items.json (AWS Config snapshot)');
    expect(historyRead.whole.resources[0]?.source).toBe('items.json (AWS Config GetResourceConfigHistory)');
    for (const { streamed, whole } of [snapshotRead, historyRead]) {
      expect(streamed ?? whole).toEqual(whole);
    }
  });

  it('leaves a list that names a resource twice to normalizeDocument, which keeps the newest item', () => {
    // Prepare
    const history = fixture('config-history.json');

    // Act
    const { streamed, whole } = bothWays(history);

    // Assess
    expect(streamed).toBeUndefined();
    expect(whole.resources.length).toBeLessThan(history.configurationItems.length);
  });

  it.each([
    ['a list of items', () => fixture('config-items.json')],
    ['describe output', () => fixture('elbv2-describe-listeners.json')],
    ['a recording around the items', () => ({ status_code: 200, data: fixture('config-snapshot.json') })],
    [
      'a recording whose wrapper comes after the items',
      () => ({ configurationItems: [], status_code: 200, data: fixture('elbv2-describe-listeners.json') }),
    ],
  ])('leaves %s to normalizeDocument', (_what, document) => {
    // Prepare, Act
    const streamed = normalizeConfigItemsFile(Buffer.from(JSON.stringify(document())), 'other.json');

    // Assess
    expect(streamed).toBeUndefined();
  });
});
