import type { PiiDetector } from '../detection/pii-detector';
import { accountCredentialDetector } from './account-credential.detector';
import { addressDetector } from './address.detector';
import { awsCredentialDetector } from './aws-credential.detector';
import { bankingDetector } from './banking.detector';
import { caIdentityDetector } from './ca-identity.detector';
import { dateTimeDetector } from './date-time.detector';
import { emailDetector } from './email.detector';
import { identityDocumentDetector } from './identity-document.detector';
import { inIdentityDetector } from './in-identity.detector';
import { networkDetector } from './network.detector';
import { personNameDetector } from './person-name.detector';
import { phoneDetector } from './phone.detector';
import { paymentCardDetector } from './payment-card.detector';
import { ukIdentityDetector } from './uk-identity.detector';
import { usIdentityDetector } from './us-identity.detector';
import { vehicleDetector } from './vehicle.detector';

// Every detector family; together they cover all 36 entity types (a test checks it).
export const PII_DETECTORS: readonly PiiDetector[] = [
  paymentCardDetector,
  bankingDetector,
  usIdentityDetector,
  ukIdentityDetector,
  caIdentityDetector,
  inIdentityDetector,
  vehicleDetector,
  awsCredentialDetector,
  networkDetector,
  emailDetector,
  phoneDetector,
  accountCredentialDetector,
  identityDocumentDetector,
  dateTimeDetector,
  personNameDetector,
  addressDetector,
];
