/** The SDK write command of Site-to-Site VPN (an EC2 API), loaded by ./commands.ts when a call is first sent. */
export { ModifyVpnTunnelOptionsCommand } from '@aws-sdk/client-ec2';
