import { describe, expect, it } from 'vitest';
import { scalar, toYaml } from './yaml';

describe('YAML of a projected object', () => {
  it("writes nested maps and sequences in block style, sequences at their key's indentation", () => {
    expect(
      toYaml({
        metadata: { name: 'web', labels: { app: 'web' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-1' }] },
        spec: { containers: [{ name: 'app', ports: [{ containerPort: 80 }], args: ['--a', 'b'] }], tolerations: [] },
        status: { conditions: {} },
      }),
    ).toBe(
      [
        'metadata:',
        '  name: web',
        '  labels:',
        '    app: web',
        '  ownerReferences:',
        '  - kind: ReplicaSet',
        '    name: web-1',
        'spec:',
        '  containers:',
        '  - name: app',
        '    ports:',
        '    - containerPort: 80',
        '    args:',
        '    - "--a"',
        '    - b',
        '  tolerations: []',
        'status:',
        '  conditions: {}',
        '',
      ].join('\n'),
    );
  });

  it('quotes strings YAML would read as something else', () => {
    expect(
      [
        'true',
        'no',
        '0',
        '1.5',
        '1e3',
        'null',
        '~',
        '',
        ' x',
        'a: b',
        'a #b',
        'x:',
        '*ref',
        '- x',
        'line\nbreak',
        '"q"',
      ].map(scalar),
    ).toEqual([
      '"true"',
      '"no"',
      '"0"',
      '"1.5"',
      '"1e3"',
      '"null"',
      '"~"',
      '""',
      '" x"',
      '"a: b"',
      '"a #b"',
      '"x:"',
      '"*ref"',
      '"- x"',
      '"line\\nbreak"',
      '"\\"q\\""',
    ]);
  });

  it('leaves ordinary strings, numbers, booleans and null plain', () => {
    expect(['nginx:1.27', 'app.kubernetes.io/name', '10.0.0.1', '2026-01-01T00:00:00Z'].map(scalar)).toEqual([
      'nginx:1.27',
      'app.kubernetes.io/name',
      '10.0.0.1',
      '2026-01-01T00:00:00Z',
    ]);
    expect([3, false, null].map(scalar)).toEqual(['3', 'false', 'null']);
  });

  it('quotes keys that need it and writes nested sequences', () => {
    expect(toYaml({ true: [[1, 2], []], 'a b': 'c' })).toBe('"true":\n- - 1\n  - 2\n- []\na b: c\n');
  });
});
