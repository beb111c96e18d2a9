export { AuditService, type AuditAction, type AuditInput } from './service';
