/** Injection token of the validated DirectoryConfig. */
export const DIRECTORY_CONFIG = Symbol('DIRECTORY_CONFIG');
