// Tests start Azurite with the same launcher as the demo and the benchmarks.
export { AZURITE_ACCOUNT, type AzuriteTables, startAzurite } from '../../scripts/azurite/start-azurite';
