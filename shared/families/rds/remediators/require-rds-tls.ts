import type { Evaluation } from '../../../model/evaluation.js';
import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { RDS_COMMANDS } from '../commands.js';
import type { RdsResource } from '../model.js';
import { tlsParameterOf } from '../reference.js';

/** The value that requires TLS, as the parameter's own AllowedValues spell it ('1', else 'ON'). */
function requiringValue(allowed: string | undefined): string | undefined {
  const values = (allowed ?? '').split(',').map((value) => value.trim());
  if (values.includes('1')) return '1';
  if (values.some((value) => value.toUpperCase() === 'ON')) return 'ON';
  return undefined;
}

/**
 * Why the parameter may not be set now, or undefined when it may. Only a custom group (a default group cannot
 * be modified) and only a dynamic parameter (ApplyMethod immediate; a static one waits for a reboot, which
 * transit-guard never does): both as DescribeDBParameters / DescribeDBClusterParameters said (ApplyType).
 */
function refusal(db: RdsResource, evaluation: Evaluation): string | undefined {
  const group = db.parameterGroup;
  const fact = tlsParameterOf(db.engine);
  if (!group || !fact) return "no change: the database's parameter group or TLS parameter is not known";
  if (group.name.startsWith('default.')) {
    return `no change: ${group.name} is a default parameter group, which RDS does not let anyone modify; create a custom group with ${fact.parameter}=1 and attach it (attaching needs a reboot: left to a person)`;
  }
  const parameter = db.groupParameters?.parameters[fact.parameter];
  if (!parameter?.applyType) {
    return `no change: whether ${fact.parameter} of ${group.name} is dynamic is not known (read the group's parameters first)`;
  }
  if (parameter.applyType !== 'dynamic') {
    return `no change: ${fact.parameter} is ${parameter.applyType} on ${group.name}, so it takes effect only after a reboot, which transit-guard never does; set it with ApplyMethod pending-reboot and reboot in a maintenance window`;
  }
  if (parameter.isModifiable === false)
    return `no change: ${fact.parameter} of ${group.name} is not modifiable`;
  if (!requiringValue(parameter.allowedValues)) {
    return `no change: the allowed values of ${fact.parameter} (${parameter.allowedValues ?? 'not given'}) name no value that requires TLS`;
  }
  if (evaluation.details?.parameter !== undefined && evaluation.details.parameter !== fact.parameter) {
    return 'no change: the finding names another parameter than the engine uses';
  }
  return undefined;
}

/** Sets the TLS parameter of the database's custom parameter group, immediately (dynamic parameters only). */
export const requireRdsTls = defineRemediator({
  id: 'require-rds-tls',
  iamActions: [
    RDS_COMMANDS.ModifyDBParameterGroup.iamAction,
    RDS_COMMANDS.ModifyDBClusterParameterGroup.iamAction,
  ],
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  safety: refusal,
  plan({ resource }) {
    const fact = tlsParameterOf(resource.engine);
    const group = resource.parameterGroup;
    const parameter = fact && resource.groupParameters?.parameters[fact.parameter];
    const value = requiringValue(parameter?.allowedValues);
    if (!fact || !group || !value)
      return { kind: 'refused', note: 'no change: the TLS parameter is not known' };
    const Parameters = [
      { ParameterName: fact.parameter, ParameterValue: value, ApplyMethod: 'immediate' as const },
    ];
    const call =
      group.kind === 'db'
        ? sdkCall(RDS_COMMANDS, 'ModifyDBParameterGroup', { DBParameterGroupName: group.name, Parameters })
        : sdkCall(RDS_COMMANDS, 'ModifyDBClusterParameterGroup', {
            DBClusterParameterGroupName: group.name,
            Parameters,
          });
    return {
      kind: 'calls',
      calls: [call],
      target: `${fact.parameter}=${value}`,
      note: `every database that uses ${group.name} then requires TLS: clients that connect without it are refused`,
    };
  },
});
