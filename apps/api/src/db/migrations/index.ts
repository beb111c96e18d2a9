import { PlatformAndAuth1763800000000 } from './1763800000000-platform-and-auth';

/** Every migration, in order. New ones are appended here. */
export const migrations = [PlatformAndAuth1763800000000];
