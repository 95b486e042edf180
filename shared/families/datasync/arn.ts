/** DataSync location ARNs (LocationArn pattern, https://docs.aws.amazon.com/datasync/latest/userguide/API_LocationListEntry.html). */
const LOCATION_ARN = /^arn:[a-z-]+:datasync:[a-z0-9-]+:[0-9]{12}:location\/loc-[0-9a-z]{17}$/;

export const isLocationArn = (value: unknown): value is string =>
  typeof value === 'string' && LOCATION_ARN.test(value);
