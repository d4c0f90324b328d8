/**
 * Injection token of the `AuthModuleOptions` given to `AuthModule.forRoot`.
 *
 * @example
 * ```ts
 * constructor(@Inject(AUTH_OPTIONS) private readonly authOptions: AuthModuleOptions) {}
 * ```
 */
export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

/**
 * Metadata key set by `@Public()`.
 *
 * @example
 * ```ts
 * reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
 * ```
 */
export const IS_PUBLIC_KEY = 'rim:auth:public';

/**
 * Metadata key set by `@Roles(...)`.
 *
 * @example
 * ```ts
 * reflector.getAllAndOverride<Role[]>(ROLES_KEY, [context.getHandler(), context.getClass()]);
 * ```
 */
export const ROLES_KEY = 'rim:auth:roles';
