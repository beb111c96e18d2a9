export { BonusService } from './service';
export { BonusHistoryService } from './history';
export { BonusActivationService } from './activation';
export { BonusExpiryService, type ExpiryRun } from './expiry';
export { TillService, TILL_SIMULATOR, type Till } from './till';
export { PointsBook, expiryFor } from './points';
export { bonusRoutes } from './routes';
export { formatCardNumber, parseCardNumber, plasticNumber, virtualNumber } from './card-number';
export { seedBonus, seedBonusCatalog, issueCardBatch, DEMO_BONUS, BONUS_REWARDS } from './seed';
