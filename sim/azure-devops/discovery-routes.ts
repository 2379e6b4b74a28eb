import { AdoServiceError } from './ado-service-error';
import { resourceAreas } from './resource-locations';
import { type LocationHandlers, type RouteRequest, type RouteResponse } from './route-handler';

/**
 * `GET {collection}/_apis/ResourceAreas[/{areaId}]`: which host serves each area, the lookup
 * azure-devops-node-api's `WebApi.get*Api()` makes before its first call to an area.
 */
export const discoveryRoutes: LocationHandlers = {
  resourceAreas: { GET: getResourceAreas },
};

function getResourceAreas(request: RouteRequest): RouteResponse {
  const areas = resourceAreas(request.collectionUrl, request.releaseUrl);
  const areaId = request.routeValues['areaId'];
  if (areaId === undefined) return { status: 200, body: { count: areas.length, value: areas } };
  const area = areas.find((candidate) => String(candidate['id']).toLowerCase() === areaId.toLowerCase());
  if (area === undefined) {
    throw new AdoServiceError(404, 'ResourceAreaNotFoundException', `Resource area ${areaId} was not found.`);
  }
  return { status: 200, body: area };
}
