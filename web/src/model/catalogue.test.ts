import { describe, expect, it } from 'vitest';
import { navigatorSections, resourceOfKind, resourceType } from './catalogue';

describe('the resource catalogue', () => {
  it('groups the listed resources as kubectl does, in a stable order', () => {
    const sections = navigatorSections([
      'widgets.example.com',
      'nodes',
      'pods',
      'secrets',
      'deployments.apps',
      'events',
    ]);
    expect(sections.map((s) => [s.section, s.types.map((t) => t.resource)])).toEqual([
      ['Workloads', ['pods', 'deployments.apps']],
      ['Config', ['secrets']],
      ['Cluster', ['nodes', 'events']],
      ['Custom Resources', ['widgets.example.com']],
    ]);
  });

  it('describes a custom resource generically', () => {
    expect(resourceType('widgets.example.com')).toMatchObject({
      label: 'Widgets',
      group: 'example.com',
      namespaced: null,
      builtin: false,
    });
  });

  it('finds a built-in resource from an apiVersion and kind, and nothing for a custom kind', () => {
    expect(resourceOfKind('apps/v1', 'Deployment')?.resource).toBe('deployments.apps');
    expect(resourceOfKind('v1', 'Pod')?.resource).toBe('pods');
    expect(resourceOfKind('batch/v1', 'Job')?.resource).toBe('jobs.batch');
    expect(resourceOfKind('example.com/v1', 'Widget')).toBeUndefined();
  });
});
