import { hasRole, type Principal } from '@rim/auth';

/** Authority and operator see every indicator; anyone else, signed in or not, the public ones. */
export const privileged = (p: Principal | undefined): boolean => (p ? hasRole(p, 'authority', 'operator') : false);
