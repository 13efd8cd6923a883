import type { AppSummary } from '../src/api/types';

export function app(name: string, patch: Partial<AppSummary> = {}): AppSummary {
  return {
    namespace: 'apps',
    name,
    project: 'default',
    cluster: 'in-cluster',
    repoURL: 'https://git.example/team/deploy.git',
    path: `envs/${name}`,
    sync: 'Synced',
    health: 'Healthy',
    suspended: false,
    labels: {},
    ...patch,
  };
}
