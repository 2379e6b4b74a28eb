/**
 * The error envelope Azure DevOps puts in the body of every 4xx/5xx it handles (api-facts §B.4), and an
 * exception type the simulator's route handlers throw to produce one.
 *
 * Exact `typeKey`s and wording are verified only for TF400813 (anonymous access), the
 * api-version-missing message and TF200016 (unknown project); the others follow the service's style and
 * are marked where they are invented, so tests should assert on status and typeKey, not on wording.
 */

/** The JSON body Azure DevOps returns with an error status. */
export interface AdoErrorEnvelope {
  readonly $id: '1';
  readonly innerException: null;
  readonly message: string;
  readonly typeName: string;
  readonly typeKey: string;
  readonly errorCode: 0;
  readonly eventId: number;
}

/** Thrown by route handlers; the server turns it into `status` + {@link AdoErrorEnvelope}. */
export class AdoServiceError extends Error {
  constructor(
    readonly status: number,
    readonly typeKey: string,
    message: string,
    readonly typeName = `Microsoft.VisualStudio.Services.WebApi.${typeKey}, Microsoft.VisualStudio.Services.WebApi`,
    readonly eventId = 3000,
  ) {
    super(message);
    this.name = 'AdoServiceError';
  }

  /** The wire body for this error. */
  toEnvelope(): AdoErrorEnvelope {
    return {
      $id: '1',
      innerException: null,
      message: this.message,
      typeName: this.typeName,
      typeKey: this.typeKey,
      errorCode: 0,
      eventId: this.eventId,
    };
  }
}

/** 400 for a malformed or unsupported query parameter or body field. */
export function invalidArgument(message: string): AdoServiceError {
  return new AdoServiceError(400, 'InvalidRequestException', message);
}

/** 404 the way ASP.NET answers a path no controller serves (also the Release API on the collection host). */
export function routeNotFound(path: string): AdoServiceError {
  return new AdoServiceError(
    404,
    'HttpException',
    `The controller for path '${path}' was not found or does not implement IController.`,
    'System.Web.HttpException, System.Web',
    0,
  );
}

/** 404 for an unknown project name or id (TF200016, the service's wording). */
export function projectNotFound(project: string): AdoServiceError {
  return new AdoServiceError(
    404,
    'ProjectDoesNotExistWithNameException',
    `TF200016: The following project does not exist: ${project}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`,
    'Microsoft.TeamFoundation.Core.WebApi.ProjectDoesNotExistWithNameException, Microsoft.TeamFoundation.Core.WebApi',
  );
}

/** 404 for a missing entity inside a known project (wording invented in the service's style). */
export function entityNotFound(typeKey: string, message: string): AdoServiceError {
  return new AdoServiceError(404, typeKey, message);
}
