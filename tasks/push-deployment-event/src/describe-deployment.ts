import { type DeploymentEventDescription } from '../../../lib/deployment-event/deployment-event-properties';
import { deploymentDefaults } from './deployment-defaults';
import { InputError } from './input-error';
import { type DeploymentInputs, InputName } from './inputs';
import { type PipelineContext } from './pipeline-context';

/**
 * Combines the deployment inputs with the pipeline's defaults into what the event says about the
 * deployment: every empty input takes its default, and the run's identity is attached.
 *
 * @throws InputError when the name or version is empty and the pipeline offers no default.
 */
export function describeDeployment(
  inputs: DeploymentInputs,
  context: PipelineContext,
): DeploymentEventDescription {
  const defaults = deploymentDefaults(context);
  const name = inputs.name ?? defaults.name;
  if (name === undefined) {
    throw new InputError(
      InputName.deploymentName,
      'is empty and there is no release or pipeline name to default to; set the input',
    );
  }
  const version = inputs.version ?? defaults.version;
  if (version === undefined) {
    throw new InputError(
      InputName.deploymentVersion,
      'is empty and there is no build number to default to; set the input',
    );
  }
  return {
    name,
    version,
    project: inputs.project ?? defaults.project,
    releaseStage: inputs.releaseStage ?? defaults.releaseStage,
    // The CI build this deployment shipped, even when the user names the version differently.
    releaseBuildVersion: context.buildNumber,
    ciBackLink: inputs.ciBackLink ?? defaults.ciBackLink,
    remediationActionLink: inputs.remediationActionLink,
    rollbackOfProblem: context.rollbackOfProblem,
    deployment: context.deployment,
    customProperties: inputs.customProperties,
  };
}
