import type { RequestChannel, ResidencyBasis } from '../../../../shared/contract';
import type { RequesterCategory } from '../../../../shared/domain/releaseTypes';

export interface RequestFormState {
  name: string;
  organization: string;
  email: string;
  phone: string;
  postalAddress: string;
  category: RequesterCategory;
  channel: RequestChannel;
  description: string;
  residency: ResidencyBasis;
  residencyStatement: string;
  attorneyAffidavit: boolean;
  /** On the agency's clock. */
  receivedDate: string;
  receivedTime: string;
}

export function emptyRequestForm(receivedDate: string, receivedTime: string): RequestFormState {
  return {
    name: '',
    organization: '',
    email: '',
    phone: '',
    postalAddress: '',
    category: 'public',
    channel: 'email',
    description: '',
    residency: 'not-stated',
    residencyStatement: '',
    attorneyAffidavit: false,
    receivedDate,
    receivedTime,
  };
}
