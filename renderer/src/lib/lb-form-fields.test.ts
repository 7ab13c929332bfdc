import { describe, expect, it } from 'vitest';
import { LAB } from '../../../shared/lb/testing/lb-fixtures';
import { lbCluster } from '../../../shared/lb/testing/lb-fixtures';
import { newServiceForm, type ServiceForm } from './lb-form';
import {
  clearFields,
  formErrors,
  formFieldOf,
  NO_ERRORS,
  SERVICE_STEPS,
  stepOfFormField,
} from './lb-form-fields';

const form: ServiceForm = {
  ...newServiceForm(lbCluster([])),
  servers: [
    { hostId: LAB.node1, selected: false, weight: '1', port: '' },
    { hostId: LAB.node2, selected: true, weight: '1', port: '' },
  ],
};

describe('formFieldOf', () => {
  it('maps model paths of a service to the wizard field that edits them', () => {
    expect(formFieldOf('listen.port', form)).toBe('ports');
    expect(formFieldOf('listen.ports.1', form)).toBe('ports');
    expect(formFieldOf('listen.ranges.0.to', form)).toBe('ranges');
    expect(formFieldOf('listen.mark', form)).toBe('mark');
    expect(formFieldOf('id', form)).toBe('name');
    expect(formFieldOf('persistence.seconds', form)).toBe('persistence');
    expect(formFieldOf('persistence.netmask', form)).toBe('netmask');
    expect(formFieldOf('check.timeoutSec', form)).toBe('timeoutSec');
    expect(formFieldOf('check.kind', form)).toBe('checkKind');
    expect(formFieldOf('sorryServer.port', form)).toBe('sorryPort');
    expect(formFieldOf('includeManager.weight', form)).toBe('managerWeight');
    expect(formFieldOf('realServers', form)).toBe('servers');
    expect(formFieldOf('nonsense', form)).toBeNull();
  });

  it('maps a real server index to the node chosen at that position', () => {
    // Only node2 is chosen: realServers.0 is node2.
    expect(formFieldOf('realServers.0.weight', form)).toBe(`server.${LAB.node2}.weight`);
    expect(formFieldOf('realServers.0.hostId', form)).toBe(`server.${LAB.node2}.hostId`);
    expect(formFieldOf('realServers.0', form)).toBe(`server.${LAB.node2}.hostId`);
    expect(formFieldOf('realServers.3.weight', form)).toBe('servers');
  });
});

describe('stepOfFormField', () => {
  it('puts each field on the step that shows it', () => {
    const at = (i: number) => SERVICE_STEPS[i];
    expect(at(stepOfFormField('ports'))).toBe('Address');
    expect(at(stepOfFormField('vip'))).toBe('Address');
    expect(at(stepOfFormField('method'))).toBe('Scheduling');
    expect(at(stepOfFormField('persistenceSec'))).toBe('Scheduling');
    expect(at(stepOfFormField('sorryIp'))).toBe('Health check');
    expect(at(stepOfFormField(`server.${LAB.node1}.weight`))).toBe('Real servers');
  });
});

describe('formErrors', () => {
  it("puts the saved services' findings beside their fields and the rest in lines", () => {
    const e = formErrors(
      [
        {
          field: 'services.2.listen.port',
          message: 'tcp 10.10.0.100:80 is already served by service 1 (http-80)',
        },
        { field: 'services.3.listen.port', message: 'port 587 clash' },
        { field: 'services.2.check.kind', message: 'UDP needs none' },
        { field: 'services.0.listen.port', message: 'not ours' },
        { field: 'manager.hostId', message: 'host is a container' },
      ],
      [2, 3],
      form,
    );
    expect(e.byField.ports).toEqual({
      path: 'services.2.listen.port',
      message: 'tcp 10.10.0.100:80 is already served by service 1 (http-80); port 587 clash',
    });
    expect(e.byField.checkKind?.path).toBe('services.2.check.kind');
    expect(e.other).toEqual([
      'services.0.listen.port: not ours',
      'manager.hostId: host is a container',
    ]);
    expect(e.firstStep).toBe(1);
  });

  it('has no first step when nothing lands on a field', () => {
    const e = formErrors([{ field: 'vips.0.address', message: 'x' }], [1], form);
    expect(e).toEqual({ byField: {}, other: ['vips.0.address: x'], firstStep: null });
  });

  it('drops the messages of fields being edited', () => {
    const e = formErrors(
      [
        { field: 'services.0.vip', message: 'a' },
        { field: 'services.0.scheduler', message: 'b' },
      ],
      [0],
      form,
    );
    expect(Object.keys(clearFields(e, ['vip']).byField)).toEqual(['scheduler']);
    expect(clearFields(NO_ERRORS, ['vip'])).toEqual(NO_ERRORS);
  });
});
