import { route, type RouteSpec } from '../../platform/routes';
import { requestMeta } from '../../platform/request-meta';
import { CustomerViewDto, EmailChangeDto, PhoneChangeConfirmDto, PhoneChangeDto, PhoneChangeStartedDto } from './dto';
import type { CustomersService } from './service';

export function customerRoutes(customers: CustomersService): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/me',
      summary: 'The signed-in customer',
      tags: ['Profile'],
      auth: 'customer',
      response: CustomerViewDto,
      handler: ({ auth }) => customers.getView(auth.customerId),
    }),
    route<EmailChangeDto>({
      method: 'put',
      path: '/me/email',
      summary: 'Change or remove the e-mail (asks for the password again)',
      tags: ['Profile'],
      auth: 'customer',
      body: EmailChangeDto,
      response: CustomerViewDto,
      errors: [409],
      handler: ({ auth, body, req }) => customers.changeEmail(auth.customerId, body, requestMeta(req)),
    }),
    route<PhoneChangeDto>({
      method: 'post',
      path: '/me/phone',
      summary: 'Start a phone change: password again, then an SMS code to the new phone',
      tags: ['Profile'],
      auth: 'customer',
      body: PhoneChangeDto,
      status: 202,
      response: PhoneChangeStartedDto,
      errors: [409, 429],
      handler: ({ auth, body, req }) => customers.startPhoneChange(auth.customerId, body, requestMeta(req)),
    }),
    route<PhoneChangeConfirmDto>({
      method: 'post',
      path: '/me/phone/confirm',
      summary: 'Finish a phone change with the code sent to the new phone',
      tags: ['Profile'],
      auth: 'customer',
      body: PhoneChangeConfirmDto,
      response: CustomerViewDto,
      errors: [409],
      handler: ({ auth, body, req }) => customers.confirmPhoneChange(auth.customerId, body.code, requestMeta(req)),
    }),
  ];
}
