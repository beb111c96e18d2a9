import { PlatformAndAuth1763800000000 } from './1763800000000-platform-and-auth';
import { AccountsAndTariffs1763900000000 } from './1763900000000-accounts-and-tariffs';

/** Every migration, in order. New ones are appended here. */
export const migrations = [PlatformAndAuth1763800000000, AccountsAndTariffs1763900000000];
