/**
 * Injection token of the `AuthModuleOptions` given to `AuthModule.forRoot`.
 *
 * @example
 * ```ts
 * @Injectable()
 * class IssuerProbe {
 *   constructor(@Inject(AUTH_OPTIONS) private readonly authOptions: AuthModuleOptions) {}
 * }
 * ```
 */
export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

/**
 * Metadata key set by `@Public()`.
 *
 * @example
 * ```ts
 * function isPublic(reflector: Reflector, context: ExecutionContext): boolean {
 *   return reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]) ?? false;
 * }
 * ```
 */
export const IS_PUBLIC_KEY = 'rim:auth:public';

/**
 * Metadata key set by `@Roles(...)`.
 *
 * @example
 * ```ts
 * function requiredRoles(reflector: Reflector, context: ExecutionContext): Role[] {
 *   return reflector.getAllAndOverride<Role[]>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
 * }
 * ```
 */
export const ROLES_KEY = 'rim:auth:roles';
