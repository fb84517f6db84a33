import type { Principal } from '../../../auth/principal.js';
import { satisfiesAll } from '../../../auth/scopes.js';

/** Do the token's SMART scopes allow reading this type (`user/Observation.r`, or `patient/…`, `system/…`)? */
export function scopeAllowsRead(principal: Principal, type: string): boolean {
  const context = principal.role === 'patient' ? 'patient' : principal.role === 'system' ? 'system' : 'user';
  return satisfiesAll(principal.scopes, [`${context}/${type}.r`]);
}
